import type { Page } from '@playwright/test';
import { BOLD, Ime, readBlocks, readRuns } from './support/editorState';
import { expect, test } from './support/fixtures';
import { admin, createArticle, createFirstAdmin, settleCaret } from './support/flows';
import { ui } from './support/ui';

// What a Telex IME shows while each word is typed, ending with what it commits.
const VIET = ['V', 'Vi', 'Vie', 'Viê', 'Việ', 'Việt'];
const NAM = ['N', 'Na', 'Nam'];
const DUONG = ['d', 'đ', 'đu', 'đuo', 'đươ', 'đươn', 'đương', 'đường'];
const HOA = ['h', 'ho', 'hoa', 'hoà'];

async function openEmptyBody(page: Page): Promise<Ime> {
  await createFirstAdmin(page, admin);
  await createArticle(page);
  await ui(page).editor.body.click();
  return Ime.attach(page);
}

async function expectBlocks(page: Page, blocks: string[]): Promise<void> {
  await expect.poll(() => readBlocks(page)).toEqual(blocks);
}

test('composes "Việt Nam", "đường" and "hoà" into NFC text', async ({ app }) => {
  const { page } = app;
  const ime = await openEmptyBody(page);
  await ime.type(VIET);
  await page.keyboard.press('Space');
  await ime.type(NAM);
  await page.keyboard.press('Space');
  await ime.type(DUONG);
  await page.keyboard.press('Space');
  await ime.type(HOA);
  await expectBlocks(page, ['Việt Nam đường hoà']);
  expect((await readBlocks(page))[0]).toBe('Việt Nam đường hoà'.normalize('NFC'));
});

test('takes the Unikey pattern (Backspace, then the new letter) inside a word', async ({ app }) => {
  const { page } = app;
  const ime = await openEmptyBody(page);
  await page.keyboard.type('Vit Nam');
  await settleCaret(page);
  for (let i = 0; i < 'Nam'.length + 2; i += 1) await page.keyboard.press('ArrowLeft');
  await settleCaret(page);
  // Caret between "Vi" and "t": Telex "e", "e" (→ ê), "j" (→ ệ), each replacing the letter before.
  await ime.commit('e');
  await page.keyboard.press('Backspace');
  await ime.commit('ê');
  await page.keyboard.press('Backspace');
  await ime.commit('ệ');
  await expectBlocks(page, ['Việt Nam']);
  // The caret stayed inside the word: the next letter lands there.
  await page.keyboard.type('x');
  await expectBlocks(page, ['Việxt Nam']);
});

test('cancels a composition and composes again', async ({ app }) => {
  const { page } = app;
  const ime = await openEmptyBody(page);
  await page.keyboard.type('Huế ');
  await ime.compose(['d', 'đ', 'đe', 'đẹ']);
  await ime.cancel();
  await expectBlocks(page, ['Huế ']);
  await ime.type(['d', 'đ', 'đe', 'đẹ', 'đẹp']);
  await expectBlocks(page, ['Huế đẹp']);
});

test('recomposes a word that was already committed', async ({ app }) => {
  const { page } = app;
  const ime = await openEmptyBody(page);
  await ime.type(['V', 'Vi', 'Vie', 'Viet']);
  await page.keyboard.type(' Nam');
  await settleCaret(page);
  for (let i = 0; i < ' Nam'.length; i += 1) await page.keyboard.press('ArrowLeft');
  await settleCaret(page);
  for (let i = 0; i < 'Viet'.length; i += 1) await page.keyboard.press('Shift+ArrowLeft');
  await settleCaret(page);
  // The IME takes the selected word back into a composition and commits the corrected one.
  await ime.type(['Viet', 'Viêt', 'Việt']);
  await expectBlocks(page, ['Việt Nam']);
});

test('commits a word, then Enter starts a new paragraph', async ({ app }) => {
  const { page } = app;
  const ime = await openEmptyBody(page);
  await ime.type(DUONG);
  await page.keyboard.press('Enter');
  await ime.type(HOA);
  await expectBlocks(page, ['đường', 'hoà']);
});

test('composes at the start of an empty paragraph and after everything was deleted', async ({ app }) => {
  const { page } = app;
  const ime = await openEmptyBody(page);
  await page.keyboard.type('Xin chào');
  await page.keyboard.press('Enter');
  await ime.type(VIET);
  await expectBlocks(page, ['Xin chào', 'Việt']);

  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await expectBlocks(page, ['']);
  await ime.type(VIET);
  await page.keyboard.press('Space');
  await ime.type(NAM);
  await expectBlocks(page, ['Việt Nam']);
});

test('composes right after a bold run, in the format the caret has', async ({ app }) => {
  const { page } = app;
  const ime = await openEmptyBody(page);
  await page.keyboard.press('ControlOrMeta+B');
  await ime.type(['H', 'Hu', 'Hue', 'Huế']);
  await page.keyboard.press('ControlOrMeta+B');
  await page.keyboard.press('Space');
  await ime.type(['d', 'đ', 'đe', 'đẹ', 'đẹp']);
  await expect
    .poll(() => readRuns(page))
    .toEqual([
      [
        { text: 'Huế', format: BOLD },
        { text: ' đẹp', format: 0 },
      ],
    ]);
});

test('keeps bold off for the replacement letter at a format boundary (Backspace, then "ế")', async ({ app }) => {
  const { page } = app;
  const ime = await openEmptyBody(page);
  await page.keyboard.press('ControlOrMeta+B');
  await page.keyboard.type('Hu');
  await page.keyboard.press('ControlOrMeta+B');
  await page.keyboard.press('Backspace');
  await ime.commit('ế');
  await expect
    .poll(() => readRuns(page))
    .toEqual([
      [
        { text: 'H', format: BOLD },
        { text: 'ế', format: 0 },
      ],
    ]);
});

test('Unikey replacing a plain letter after a bold run does not make the whole word bold', async ({ app }) => {
  const { page } = app;
  const ime = await openEmptyBody(page);
  await page.keyboard.press('ControlOrMeta+B');
  await page.keyboard.type('Hu');
  await page.keyboard.press('ControlOrMeta+B');
  await page.keyboard.type('e');
  // A person's pause before the next key: the caret's format must survive it.
  await page.waitForTimeout(300);
  await page.keyboard.press('Backspace');
  await ime.commit('ế');
  await expect
    .poll(() => readRuns(page))
    .toEqual([
      [
        { text: 'Hu', format: BOLD },
        { text: 'ế', format: 0 },
      ],
    ]);
});

test('undo after a composition removes the composed word, not its last letter', async ({ app }) => {
  const { page } = app;
  const ime = await openEmptyBody(page);
  await page.keyboard.type('Huế ');
  // Past the history's merge window, so the word is its own step as when a person pauses.
  await page.waitForTimeout(1_200);
  await ime.type(['d', 'đ', 'đe', 'đẹ', 'đẹp']);
  await expectBlocks(page, ['Huế đẹp']);
  await page.keyboard.press('ControlOrMeta+Z');
  await expectBlocks(page, ['Huế ']);
});

test('stores decomposed (NFD) typing and pasting as NFC', async ({ app }) => {
  const { page } = app;
  const ime = await openEmptyBody(page);
  await ime.commit('Vie\u0323\u0302t Nam ');
  await expectBlocks(page, ['Việt Nam ']);
  await ui(page).editor.body.evaluate((body, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, 'đu\u031Bo\u031B\u0300ng hoa\u0300');
  await expectBlocks(page, ['Việt Nam đường hoà']);
  const [text] = await readBlocks(page);
  expect(text).toBe('Việt Nam đường hoà'.normalize('NFC'));
  expect(text).not.toMatch(/\p{M}/u);
});
