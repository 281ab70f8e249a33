import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { admin, createArticle, createFirstAdmin, readEditor, settleCaret, waitUntilSaved } from './support/flows';
import { ui, vi } from './support/ui';

/** Labels from the catalogue sections this spec adds to (kept out of the shared `ui` type). */
const catalogue = vi as unknown as {
  panel: { proofread: string };
  nav: { houseStyle: string };
  proofread: { fix: string; fixAll: string; fixedAll_other: string; ignore: string; restore: string; toNew: string };
  checklist: { sendAnyway: string; back: string };
  houseStyle: { title: string; word: string; add: string };
};

async function openProofreading(page: Page): Promise<void> {
  await page.getByRole('tab', { name: catalogue.panel.proofread, exact: true }).click();
  await expect(page.getByTestId('proofread-panel')).toBeVisible();
}

const finding = (page: Page, rule: string) => page.locator(`[data-testid="proof-finding"][data-rule="${rule}"]`);

/** The text each custom highlight covers now, read from the page's highlight registry. */
function highlighted(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    CSS.highlights.forEach((highlight, name) => {
      out[name] = [...highlight].map((range) => range.toString());
    });
    return out;
  });
}

async function waitForCheck(page: Page): Promise<void> {
  await expect(page.getByTestId('proofread-status')).toHaveAttribute('data-state', 'done');
}

test('lists and underlines slips, fixes and ignores them, and never gets in the way of typing', async ({ app }) => {
  const { page } = app;
  await createFirstAdmin(page, admin);
  await createArticle(page);
  await ui(page).editor.title.fill('Soát lỗi');
  await openProofreading(page);
  await ui(page).editor.body.click();
  await page.keyboard.type('Máy Camara mới  lắp ở cổng thành.');

  await expect(finding(page, 'spelling.known')).toHaveCount(1);
  await expect(finding(page, 'spelling.known').getByTestId('proof-text')).toContainText('Camara');
  await expect(finding(page, 'spacing.double')).toHaveCount(1);
  // Underlined in place, through the highlight registry, not by changing the text.
  await expect.poll(() => highlighted(page)).toMatchObject({ 'proof-error': ['Camara'], 'proof-warning': ['  '] });
  expect((await readEditor(page)).paragraphs).toEqual(['Máy Camara mới  lắp ở cổng thành.']);

  await finding(page, 'spelling.known').getByRole('button', { name: catalogue.proofread.fix }).click();
  await expect.poll(async () => (await readEditor(page)).paragraphs).toEqual(['Máy Camera mới  lắp ở cổng thành.']);
  await expect(finding(page, 'spelling.known')).toHaveCount(0);
  await expect.poll(async () => (await highlighted(page))['proof-error'] ?? []).toEqual([]);

  await finding(page, 'spacing.double').getByRole('button', { name: catalogue.proofread.ignore }).click();
  await expect(finding(page, 'spacing.double')).toHaveCount(0);
  await waitForCheck(page);
  await expect(finding(page, 'spacing.double')).toHaveCount(0);
  expect((await readEditor(page)).paragraphs).toEqual(['Máy Camera mới  lắp ở cổng thành.']);
  // An ignore can be taken back: the finding returns; ignored again, it stays away.
  await page.getByTestId('proof-ignored').getByRole('button', { name: catalogue.proofread.restore }).click();
  await expect(finding(page, 'spacing.double')).toHaveCount(1);
  await finding(page, 'spacing.double').getByRole('button', { name: catalogue.proofread.ignore }).click();
  await expect(finding(page, 'spacing.double')).toHaveCount(0);
  await expect(page.getByTestId('proof-ignored')).toContainText('1');

  // Typing with the panel open: pauses let checks run between bursts; no character may go missing.
  await ui(page).editor.body.click();
  await page.keyboard.press('Control+End');
  await settleCaret(page);
  await page.keyboard.press('Enter');
  const bursts = ['Người dân ', 'đến xem rất ', 'đông vui, ', 'ai cũng khen đẹp.'];
  for (const burst of bursts) {
    await page.keyboard.type(burst);
    await page.waitForTimeout(700);
  }
  await expect
    .poll(async () => (await readEditor(page)).paragraphs)
    .toEqual(['Máy Camera mới  lắp ở cổng thành.', bursts.join('')]);
  await waitUntilSaved(page);
  await waitForCheck(page);
  await expect(page.getByTestId('proof-finding')).toHaveCount(0);
});

test("lists a long article's findings twenty at a time and underlines all of them", async ({ app }) => {
  const { page } = app;
  await createFirstAdmin(page, admin);
  await createArticle(page);
  await ui(page).editor.title.fill('Nhiều chỗ cần xem');
  await openProofreading(page);
  await ui(page).editor.body.click();
  await page.keyboard.insertText(Array.from({ length: 25 }, (_, i) => `Câu thứ ${i + 1}  có thừa dấu cách.`).join(' '));
  await expect.poll(async () => (await highlighted(page))['proof-warning']?.length ?? 0).toBe(25);
  await waitForCheck(page);
  const cards = page.getByTestId('proof-finding');
  await expect(cards).toHaveCount(20);
  const total = Number((await page.getByTestId('proofread-status').textContent())?.match(/\d+/)?.[0]);
  expect(total).toBeGreaterThanOrEqual(25);
  await expect(page.getByTestId('proof-more')).toContainText(String(total - 20));
  await page.getByTestId('proof-more').click();
  await expect(cards).toHaveCount(Math.min(total, 40));
  await expect(finding(page, 'spacing.double')).toHaveCount(25);

  // The list scrolls inside the panel, under its tabs.
  const panel = page.getByTestId('side-panel');
  await panel.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect.poll(() => panel.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
  const tabs = (await panel.getByRole('tablist').boundingBox())!;
  expect(tabs.y).toBeGreaterThanOrEqual((await panel.boundingBox())!.y);

  // While a burst of typing lasts the underlines are off, and the check after the pause puts them back.
  await ui(page).editor.body.click();
  await page.keyboard.press('Control+End');
  await settleCaret(page);
  await page.keyboard.press('Enter');
  await page.keyboard.type('Thêm');
  expect(await highlighted(page)).toEqual({});
  await expect.poll(async () => (await highlighted(page))['proof-warning']?.length ?? 0).toBe(25);
  await waitForCheck(page);

  // A click on a finding's text brings it into view and selects exactly that text in the article.
  await finding(page, 'spacing.double').nth(3).getByTestId('proof-text').locator('code').first().click();
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('  ');
  const selected = await page.evaluate(() => window.getSelection()?.anchorNode?.textContent ?? '');
  expect(selected).toContain('Câu thứ 4  có');

  // One click fixes every finding of a safe kind, and says how many.
  await finding(page, 'spacing.double').first().getByRole('button', { name: catalogue.proofread.fixAll }).click();
  await expect(page.getByText(catalogue.proofread.fixedAll_other.replace('{{count}}', '25'))).toBeVisible();
  await expect.poll(async () => (await readEditor(page)).paragraphs.join('\n')).not.toContain('  ');
  await waitForCheck(page);
  await expect(finding(page, 'spacing.double')).toHaveCount(0);
});

test('the side panel stays in view while the writer works at the end of a long article', async ({ app }) => {
  const { page } = app;
  await createFirstAdmin(page, admin);
  await createArticle(page);
  await ui(page).editor.title.fill('Bài dài');
  await openProofreading(page);
  await ui(page).editor.body.click();
  for (let i = 1; i <= 40; i += 1) {
    await page.keyboard.insertText(`Đoạn thứ ${i} của bài viết dài.`);
    await page.keyboard.press('Enter');
  }
  await page.keyboard.type('Câu cuối  bài.');
  await expect(ui(page).editor.body.locator('p').last()).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await expect(page.getByTestId('proofread-panel')).toBeInViewport();
  await expect(finding(page, 'spacing.double')).toHaveCount(1);
});

test('converts the whole article to the new tone-mark style in one undo step', async ({ app }) => {
  const { page } = app;
  await createFirstAdmin(page, admin);
  await createArticle(page);
  await ui(page).editor.title.fill('Kiểu dấu');
  await ui(page).editor.body.click();
  await page.keyboard.type('Tỉnh ủy chỉ đạo hòa giải.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Công trình thủy lợi.');
  await openProofreading(page);
  await waitForCheck(page);
  await page.getByRole('button', { name: catalogue.proofread.toNew }).click();
  await expect
    .poll(async () => (await readEditor(page)).paragraphs)
    .toEqual(['Tỉnh uỷ chỉ đạo hoà giải.', 'Công trình thuỷ lợi.']);
  await ui(page).editor.body.focus();
  await page.keyboard.press('Control+z');
  await expect
    .poll(async () => (await readEditor(page)).paragraphs)
    .toEqual(['Tỉnh ủy chỉ đạo hòa giải.', 'Công trình thủy lợi.']);
});

test('the checklist holds back an untitled article; the office lexicon is kept from the house style screen', async ({
  app,
}) => {
  const { page } = app;
  await createFirstAdmin(page, admin);

  await page.getByRole('navigation').getByRole('button', { name: catalogue.nav.houseStyle }).click();
  await expect(page.getByRole('heading', { name: catalogue.houseStyle.title, exact: true })).toBeVisible();
  await page.getByRole('textbox', { name: catalogue.houseStyle.word }).fill('Kkrông');
  await page.getByRole('button', { name: catalogue.houseStyle.add }).click();
  await expect(page.getByTestId('lexicon-word').filter({ hasText: 'Kkrông' })).toHaveCount(1);

  await ui(page).nav.articles.click();
  await createArticle(page);
  await ui(page).editor.body.click();
  await page.keyboard.type('Đoàn công tác đến Kkrông hôm qua.');
  await waitUntilSaved(page);
  await ui(page).panel.action('submit').click();
  const dialog = page.getByTestId('checklist-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('checklist-blocking')).toContainText('Bài chưa có tiêu đề');
  await expect(dialog.getByRole('button', { name: catalogue.checklist.sendAnyway })).toBeDisabled();
  await dialog.getByRole('button', { name: catalogue.checklist.back }).click();
  await expect(ui(page).panel.status).toHaveText(vi.status.draft);

  await ui(page).editor.title.fill('Đoàn công tác');
  await ui(page).panel.action('submit').click();
  await expect(ui(page).panel.status).toHaveText(vi.status.submitted);

  // The lexicon word is not reported as unknown.
  await openProofreading(page);
  await waitForCheck(page);
  await expect(finding(page, 'spelling.unknown')).toHaveCount(0);
});
