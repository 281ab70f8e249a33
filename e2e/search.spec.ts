import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/fixtures';
import { admin, createArticle, createFirstAdmin, typeArticle, waitUntilSaved } from './support/flows';
import { ui } from './support/ui';

const labels = (
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../src/renderer/src/i18n/vi.json'), 'utf8')) as {
    search: { label: string; results: string; filters: string };
  }
).search;

async function write(page: Parameters<typeof typeArticle>[0], title: string, paragraph: string): Promise<void> {
  await createArticle(page);
  await typeArticle(page, { title, paragraphs: [paragraph] });
  await waitUntilSaved(page);
  await ui(page).editor.back.click();
  await expect(ui(page).list.heading).toBeVisible();
}

test('finds an article by a word typed without marks, marks the match, and opens it', async ({ app }) => {
  const { page } = app;
  await createFirstAdmin(page, admin);
  await write(page, 'Con đường di sản', 'Đoàn đi bộ trên đường Lê Lợi, qua cầu Trường Tiền.');
  await write(page, 'Lễ hội mùa xuân', 'Người dân Huế đón xuân.');

  const box = page.getByRole('searchbox', { name: labels.label });
  await box.click();
  await page.keyboard.type('duong');
  const results = page.getByRole('list', { name: labels.results });
  const hits = results.getByRole('listitem');
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toContainText('Con đường di sản');
  // Title and snippet each mark the original word, diacritics and all.
  await expect(hits.first().locator('mark')).toHaveText(['đường', 'đường']);
  // The results stand in for the list while the query is there, and the list comes back without it.
  await expect(page.getByTestId('list-tab-all')).toHaveCount(0);
  await box.fill('');
  await expect(page.getByTestId('list-tab-all')).toBeVisible();
  // A near miss finds nothing and offers the spelling the archive holds; taking it finds the article.
  await box.fill('duongg');
  await page.getByTestId('search-suggestion').click();
  await expect(box).toHaveValue('duong');
  await expect(hits).toHaveCount(1);

  // Dates are picked from a calendar and read day/month/year, whatever the computer's language.
  await page.getByRole('button', { name: labels.filters }).click();
  const from = page.getByTestId('search-from');
  await from.click();
  await page.locator('[data-today]').first().click();
  // Today on the office's clock: the browser's time zone, which is not the test runner's.
  const today = await page.evaluate(() => {
    const now = new Date();
    return [now.getDate(), now.getMonth() + 1, now.getFullYear()].map((n) => String(n).padStart(2, '0')).join('/');
  });
  await expect(from).toHaveText(today);
  await expect(hits).toHaveCount(1);

  await hits.first().getByRole('button', { name: 'Con đường di sản' }).click();
  await expect(ui(page).editor.title).toHaveValue('Con đường di sản');
});
