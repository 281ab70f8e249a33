import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { admin, createArticle, createFirstAdmin, ensureSignedIn, openArticle, waitUntilSaved } from './support/flows';
import { ui, vi } from './support/ui';

const labels = vi as unknown as { paste: { place: string } };
const SAMPLE = readFileSync(path.resolve(import.meta.dirname, '../fixtures/sample-article.txt'), 'utf8');
const TITLE = SAMPLE.split('\n')[0]!.trim();

/** Lines of the article's text wholly inside the window, counted by their line boxes. */
function bodyLinesInView(page: Page): Promise<number> {
  return ui(page).editor.body.evaluate((body) => {
    const range = document.createRange();
    range.selectNodeContents(body);
    const tops = new Set<number>();
    for (const rect of Array.from(range.getClientRects())) {
      if (rect.height > 0 && rect.top >= 0 && rect.bottom <= window.innerHeight) tops.add(Math.round(rect.top));
    }
    return tops.size;
  });
}

/** Whatever shows a cut text: a badge, a tab or a heading whose text is wider than its box, or tabs on two rows. */
function cutOrWrapped(page: Page): Promise<{ cut: string[]; tabRows: number }> {
  return page.evaluate(() => {
    const boxes = document.querySelectorAll(
      '.mantine-Badge-label, .mantine-Tabs-tabLabel, .mantine-Title-root, h1, h2, h3, h4, th',
    );
    const cut = Array.from(boxes)
      .filter((element) => element.scrollWidth > element.clientWidth + 1 && element.getClientRects().length > 0)
      .map((element) => element.textContent ?? '');
    const rows = new Set<number>();
    document.querySelectorAll('[role="tablist"]').forEach((list) => {
      const tops = new Set(
        Array.from(list.querySelectorAll('[role="tab"]')).map((tab) => Math.round(tab.getBoundingClientRect().top)),
      );
      rows.add(tops.size);
    });
    return { cut, tabRows: Math.max(1, ...rows) };
  });
}

async function keep(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

for (const size of [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]) {
  const label = `${size.width}×${size.height}`;
  test(`at ${label} an article opens with its title and ten lines of text in view; nothing is cut`, async ({
    app,
  }, testInfo) => {
    const { page } = app;
    await page.setViewportSize(size);
    await createFirstAdmin(page, admin);
    await createArticle(page);
    await ui(page).editor.body.evaluate((body, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, SAMPLE);
    await page.getByRole('button', { name: labels.paste.place }).click();
    await waitUntilSaved(page);

    await page.reload();
    await ensureSignedIn(page, admin);
    await openArticle(page, TITLE);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(ui(page).editor.title).toBeInViewport({ ratio: 1 });
    expect(await bodyLinesInView(page)).toBeGreaterThanOrEqual(10);
    expect(await cutOrWrapped(page)).toEqual({ cut: [], tabRows: 1 });
    await keep(page, testInfo, `bai-viet-${size.width}x${size.height}`);

    await ui(page).editor.back.click();
    await expect(ui(page).list.heading).toBeVisible();
    expect(await cutOrWrapped(page)).toEqual({ cut: [], tabRows: 1 });
    await keep(page, testInfo, `danh-sach-${size.width}x${size.height}`);
  });
}
