import { readFileSync } from 'node:fs';
import { DEFAULT_MESSAGES } from '../src/shared/errors';
import { expect, test } from './support/fixtures';
import { admin, createFirstAdmin, ensureSignedIn, signIn, signOut } from './support/flows';
import { ui, vi } from './support/ui';

const labels = vi as unknown as { nav: { houseStyle: string; articles: string }; organisation: { saved: string } };

test('first run asks for the first administrator and signs them in', async ({ app }) => {
  const { page } = app;
  await expect(ui(page).login.heading).toBeHidden();
  // The unit is a real value, the office's name to start with; the first administrator's names the office.
  const unit = page.getByTestId('setup-unit');
  await expect(unit).toHaveValue('Phòng Văn hóa & Thông tin TP Huế');
  await unit.fill('Trung tâm Văn hóa Thông tin và Thể thao Huế');
  await createFirstAdmin(page, admin);
  await expect(ui(page).shell.header).toContainText(admin.displayName);
  await expect(ui(page).shell.header).toContainText('Trung tâm Văn hóa Thông tin và Thể thao Huế');

  // Renamed in the settings, the office's name changes wherever it is shown.
  await page.getByRole('navigation').getByRole('button', { name: labels.nav.houseStyle }).click();
  await page.getByTestId('organisation-name').fill('Phòng Văn hóa & Thông tin TP Huế');
  await page.getByTestId('organisation-save').click();
  await expect(page.getByTestId('organisation').getByRole('status')).toHaveText(labels.organisation.saved);
  await expect(ui(page).shell.header).toContainText('Bàn biên tập — Phòng Văn hóa & Thông tin TP Huế');
  await page.getByRole('navigation').getByRole('button', { name: labels.nav.articles }).click();

  // The setup form is for the very first run only.
  await page.reload();
  await ensureSignedIn(page, admin);
  await expect(ui(page).setup.heading).toBeHidden();

  // The English switch changes the words, and Vietnamese comes back.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Articles', exact: true })).toBeVisible();
  await page.getByText('Tiếng Việt', { exact: true }).click();
  await expect(ui(page).list.heading).toBeVisible();
});

test('sign-in refuses a wrong password and accepts the right one', async ({ app }) => {
  const { page } = app;
  const { login, list } = ui(page);
  await createFirstAdmin(page, admin);
  await signOut(page);

  await signIn(page, admin, `${admin.password}x`);
  await expect(login.error).toHaveText(DEFAULT_MESSAGES.INVALID_CREDENTIALS);
  await expect(list.heading).toBeHidden();

  await signIn(page, admin);
  await expect(list.heading).toBeVisible();
  await expect(login.error).toBeHidden();
});

test('the administrator backs up now, checks the data, chooses a backup to restore and exports the log', async ({
  app,
}) => {
  const { page } = app;
  const words = vi as unknown as {
    nav: { houseStyle: string };
    backup: { checkOk: string; made: string; restoreScheduled: string };
    updates: { saved: string };
  };
  await createFirstAdmin(page, admin);
  await page.getByRole('navigation').getByRole('button', { name: words.nav.houseStyle }).click();
  // The backup made when the app started is listed; one more on demand.
  await expect(page.getByTestId('backup-row')).toHaveCount(1);
  // A single workstation: nothing comes back from elsewhere after a restore.
  await expect(page.getByTestId('backup-office-note')).toHaveCount(0);
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('toast')).toContainText(words.backup.made.split('{{')[0]!);
  await expect(page.getByTestId('backup-row')).toHaveCount(2);
  await page.getByTestId('backup-check').click();
  await expect(page.getByTestId('backup-check-result')).toHaveText(words.backup.checkOk);
  await page.getByTestId('backup-restore').first().click();
  await page.getByTestId('backup-restore-confirm').click();
  await expect(page.getByTestId('backup-pending-restore')).toBeVisible();

  // The workstation's log, saved as a text file for support: it says when the data was opened.
  const saving = page.waitForEvent('download');
  await page.getByTestId('export-log').click();
  const download = await saving;
  expect(download.suggestedFilename()).toMatch(/^bientap-nhat-ky-\d{8}-\d{4}\.txt$/);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text).toMatch(/THÔNG TIN Đã mở dữ liệu .*bientap\.sqlite/);
  await expect(page.getByTestId('toast').filter({ hasText: download.suggestedFilename() })).toBeVisible();

  // Where the desktop app fetches new versions: refused over plain http to another machine.
  const feed = page.getByTestId('updates-feed-url');
  await feed.fill('http://192.168.1.10/cap-nhat');
  await page.getByTestId('updates-save').click();
  await expect(page.getByTestId('updates')).toContainText('đánh tráo');
  await feed.fill('https://vanphong.example/cap-nhat');
  await page.getByTestId('updates-save').click();
  await expect(page.getByTestId('toast').filter({ hasText: words.updates.saved })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('updates-feed-url')).toHaveValue('https://vanphong.example/cap-nhat');
});
