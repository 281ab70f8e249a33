import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from './support/fixtures';
import {
  admin,
  createArticle,
  createFirstAdmin,
  openArticle,
  signIn,
  typeArticle,
  waitUntilSaved,
} from './support/flows';
import { ui, vi } from './support/ui';

const words = vi as unknown as { nav: { houseStyle: string }; recovery: { title: string } };

/** Overwrites the first page of one table (not the articles) with garbage, with everything checkpointed first. */
function damageTable(file: string, table: string): void {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const page = db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(table) as number;
  const size = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = readFileSync(file);
  bytes.fill(0x5a, (page - 1) * size, (page - 1) * size + 48);
  writeFileSync(file, bytes);
}

test('a damaged data file opens the recovery screen: the readable article is saved, and a backup comes back at the next start', async ({
  app,
}) => {
  test.setTimeout(120_000);
  let page = app.page;
  await createFirstAdmin(page, admin);
  await createArticle(page);
  await typeArticle(page, { title: 'Bài cần cứu', paragraphs: ['Lễ hội áo dài Huế mở cửa tự do.'] });
  await waitUntilSaved(page);
  await page.getByRole('navigation').getByRole('button', { name: words.nav.houseStyle }).click();
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-row')).toHaveCount(2);

  await app.kill();
  damageTable(path.join(app.dataDir, 'bientap.sqlite'), 'audit_log');
  page = await app.restart();

  await expect(page.getByTestId('recovery-screen')).toBeVisible();
  await expect(page.getByRole('heading', { name: words.recovery.title })).toBeVisible();
  await expect(page.getByTestId('recovery-readable')).toContainText('1 bài');
  const saving = page.waitForEvent('download');
  await page.getByTestId('recovery-export').click();
  const download = await saving;
  expect(download.suggestedFilename()).toMatch(/^bientap-bai-doc-duoc-\d{8}-\d{4}\.txt$/);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text).toContain('Bài cần cứu');
  expect(text).toContain('Lễ hội áo dài Huế mở cửa tự do.');

  // The newest backup, put in place at the next start.
  await expect(page.getByTestId('recovery-backup')).toHaveCount(2);
  await page.getByTestId('recovery-restore').first().click();
  await expect(page.getByTestId('recovery-pending')).toBeVisible();
  page = await app.restart();
  await expect(page.getByTestId('recovery-screen')).toBeHidden();
  await signIn(page, admin);
  await openArticle(page, 'Bài cần cứu');
  await expect(ui(page).editor.title).toHaveValue('Bài cần cứu');
});
