import { expect, test } from './support/fixtures';
import {
  admin,
  createArticle,
  createFirstAdmin,
  ensureSignedIn,
  nfc,
  openArticle,
  PORTAL_DATE,
  readEditor,
  typeArticle,
  waitUntilSaved,
  settleCaret,
} from './support/flows';
import { sample } from './support/sample';
import { ui, vi } from './support/ui';

const typed = nfc({ title: sample.title, paragraphs: sample.paragraphs.slice(0, 2) });

test('creates an article and shows it in the list', async ({ app }) => {
  const { page } = app;
  await createFirstAdmin(page, admin);
  await createArticle(page);
  await ui(page).editor.title.click();
  await page.keyboard.type(typed.title);
  await waitUntilSaved(page);

  await ui(page).editor.back.click();
  const row = ui(page).list.rows.filter({ hasText: typed.title });
  await expect(row).toHaveCount(1);
  const cells = row.getByRole('cell');
  await expect(cells.nth(0)).toHaveText(typed.title);
  await expect(cells.nth(1)).toHaveText(vi.status.draft);
  await expect(cells.nth(2)).toHaveText(admin.displayName);
  await expect(cells.nth(3)).toHaveText(PORTAL_DATE);
});

test('keeps typed Vietnamese text across a reload', async ({ app }) => {
  const { page } = app;
  await createFirstAdmin(page, admin);
  await createArticle(page);
  await typeArticle(page, typed);
  await waitUntilSaved(page);
  expect(await readEditor(page)).toMatchObject(typed);

  await page.reload();
  await ensureSignedIn(page, admin);
  await openArticle(page, typed.title);
  expect(await readEditor(page)).toMatchObject(typed);
});

const KILL_REPEAT = Number(process.env.E2E_KILL_REPEAT ?? 3);

test(`keeps what was shown as saved when the host is killed with SIGKILL, ${KILL_REPEAT} times over`, async ({
  app,
}) => {
  test.setTimeout(120_000 + KILL_REPEAT * 40_000);
  let page = app.page;
  await createFirstAdmin(page, admin);
  await createArticle(page);
  await typeArticle(page, typed);
  await waitUntilSaved(page);
  let expected = await readEditor(page);
  expect(expected).toMatchObject(typed);

  for (let round = 1; round <= KILL_REPEAT; round += 1) {
    if (round > 1) {
      const addition = `Bổ sung lần ${round}: đường Lê Lợi, Đông Ba, Thừa Thiên Huế — ${'ạ'.repeat(round)}.`;
      await ui(page).editor.body.click();
      await page.keyboard.press('Control+End');
      await settleCaret(page);
      await page.keyboard.press('Enter');
      await page.keyboard.type(addition);
      await waitUntilSaved(page);
      expected = { ...expected, paragraphs: [...expected.paragraphs, addition] };
      expect(await readEditor(page)).toEqual(expected);
    }
    await app.kill();
    page = await app.restart();
    await ensureSignedIn(page, admin);
    await openArticle(page, typed.title);
    expect(await readEditor(page), `after kill ${round}`).toEqual(expected);
  }
});

test('never shows "saved" for text that a SIGKILL then loses', async ({ app }) => {
  const extra = ' Đoạn thêm sau khi đã lưu: Thừa Thiên Huế.';
  await createFirstAdmin(app.page, admin);
  await createArticle(app.page);
  await typeArticle(app.page, { title: typed.title, paragraphs: typed.paragraphs.slice(0, 1) });
  await waitUntilSaved(app.page);
  const saved = await readEditor(app.page);

  await app.page.keyboard.type(extra);
  // Read at once: no save can have covered the last key yet, so the indicator must not say "saved".
  expect(await ui(app.page).editor.saveStatus.getAttribute('data-state')).not.toBe('saved');
  await app.kill();

  const page = await app.restart();
  await ensureSignedIn(page, admin);
  await openArticle(page, typed.title);
  const restored = await readEditor(page);
  const [savedBody = ''] = saved.paragraphs;
  const [restoredBody = ''] = restored.paragraphs;
  expect(restored.paragraphs).toHaveLength(1);
  // Nothing acknowledged is lost; anything after it may or may not have made it, but only in order.
  expect(restoredBody.startsWith(savedBody)).toBe(true);
  expect(`${savedBody}${extra}`.startsWith(restoredBody)).toBe(true);
});
