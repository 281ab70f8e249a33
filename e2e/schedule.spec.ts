import { expect, test } from './support/fixtures';
import {
  admin,
  createAccount,
  createArticle,
  createFirstAdmin,
  head,
  signIn,
  signOut,
  typeArticle,
  waitUntilSaved,
} from './support/flows';
import { ui, vi } from './support/ui';

test('a head schedules a signed article on a date and time picked as the office writes them', async ({ app }) => {
  test.setTimeout(120_000);
  const page = app.page;
  await createFirstAdmin(page, admin);
  await createAccount(page, head);
  await signOut(page);
  await signIn(page, head);
  // The only signer in the office signs her own article (the office's default rule allows that).
  await createArticle(page);
  await typeArticle(page, { title: 'Lịch đăng bài Festival Huế', paragraphs: ['Festival Huế diễn ra vào mùa hè.'] });
  await waitUntilSaved(page);
  await ui(page).panel.action('submit').click();
  await expect(ui(page).panel.status).toHaveText(vi.status.submitted);
  await ui(page).panel.action('approve').click();
  await ui(page).panel.dialog.getByRole('textbox', { name: vi.review.password, exact: true }).fill(head.password);
  await ui(page).panel.dialog.getByRole('button', { name: vi.review.sign }).click();
  await expect(ui(page).panel.status).toHaveText(vi.status.approved);

  await ui(page).panel.action('schedule').click();
  const at = page.getByTestId('schedule-at');
  await at.click();
  // The 15th of next month on the office's clock (the browser's time zone, not the test runner's), from the
  // calendar; the time stays at its start of day. The calendar may still be settling on this month when it
  // appears, so the step forward is repeated until the header shows next month.
  const [month, year] = await page.evaluate(() => {
    const next = new Date();
    next.setDate(1);
    next.setMonth(next.getMonth() + 1);
    return [next.getMonth() + 1, next.getFullYear()];
  });
  const level = page.locator('.mantine-DateTimePicker-calendarHeaderLevel');
  const nextMonth = new RegExp(`(^|\\D)${month}\\D+${year}`);
  await expect(async () => {
    if (!nextMonth.test((await level.textContent()) ?? '')) {
      await page.locator('.mantine-DateTimePicker-calendarHeaderControl[data-direction="next"]').click();
    }
    await expect(level).toHaveText(nextMonth, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await page.locator('.mantine-DateTimePicker-day:not([data-outside])', { hasText: /^15$/ }).click();
  await page.locator('.mantine-DateTimePicker-submitButton').click();
  const mm = String(month).padStart(2, '0');
  await expect(at).toHaveText(new RegExp(`^15/${mm}/${year} \\d\\d:\\d\\d$`));
  await ui(page).panel.dialog.getByRole('button', { name: vi.review.schedule, exact: true }).click();
  await expect(ui(page).panel.status).toHaveText(vi.status.scheduled);
});
