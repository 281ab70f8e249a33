import { expect, type Page } from '@playwright/test';
import { ui, vi } from './ui';

export interface Account {
  username: string;
  displayName: string;
  password: string;
}

export const admin: Account = {
  username: 'quantri',
  displayName: 'Trần Thị Quản Trị',
  password: 'mật khẩu đủ dài 2021',
};

/** The portal's date form, `15/04/2021 10:51:38 SA`. */
export const PORTAL_DATE = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} (SA|CH)$/;

/** Content as the reader sees it, in the one form the app stores (NFC). */
export interface EditorContent {
  title: string;
  summary: string;
  paragraphs: string[];
}

export async function createFirstAdmin(page: Page, account: Account = admin): Promise<void> {
  const { setup, list } = ui(page);
  await expect(setup.heading).toBeVisible();
  await setup.username.fill(account.username);
  await setup.displayName.fill(account.displayName);
  await setup.password.fill(account.password);
  await setup.passwordRepeat.fill(account.password);
  await setup.submit.click();
  await expect(list.heading).toBeVisible();
}

export async function signIn(page: Page, account: Account = admin, password = account.password): Promise<void> {
  const { login } = ui(page);
  await expect(login.heading).toBeVisible();
  await login.username.fill(account.username);
  await login.password.fill(password);
  await login.submit.click();
}

export async function signOut(page: Page): Promise<void> {
  const { shell, login } = ui(page);
  await shell.signOut.click();
  await expect(login.heading).toBeVisible();
}

/** After a reload or restart the app may keep the session or ask again; either way end up signed in. */
export async function ensureSignedIn(page: Page, account: Account = admin): Promise<void> {
  const { login, shell } = ui(page);
  await expect(login.heading.or(shell.signOut).first()).toBeVisible();
  if (await login.heading.isVisible()) {
    await signIn(page, account);
    await expect(shell.signOut).toBeVisible();
  }
}

export async function createArticle(page: Page): Promise<void> {
  const { list, editor } = ui(page);
  await list.create.click();
  await expect(editor.body).toBeVisible();
}

export async function waitUntilSaved(page: Page): Promise<void> {
  await expect(ui(page).editor.saveStatus).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
}

/** Types like a person at a keyboard: one key or character at a time, Enter between paragraphs. */
export async function typeArticle(page: Page, content: { title: string; paragraphs: string[] }): Promise<void> {
  const { editor } = ui(page);
  await editor.title.click();
  await page.keyboard.type(content.title);
  await editor.body.click();
  for (const [index, paragraph] of content.paragraphs.entries()) {
    if (index > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(paragraph);
  }
}

export async function readEditor(page: Page): Promise<EditorContent> {
  const { editor } = ui(page);
  const title = await editor.title.inputValue();
  const summary = await editor.summary.inputValue();
  const paragraphs = await editor.body.evaluate((body) => {
    // Runs in the page; typed structurally because the Node-side project has no DOM library.
    const blocks = (body as unknown as { children: ArrayLike<{ textContent: string | null }> }).children;
    return Array.from(blocks, (block) => block.textContent ?? '');
  });
  return {
    title: title.normalize('NFC'),
    summary: summary.normalize('NFC'),
    // Lexical keeps one empty paragraph in an empty editor; it carries no text to compare.
    paragraphs: paragraphs.map((text) => text.normalize('NFC')).filter((text, i, all) => text || all.length > 1),
  };
}

/** Opens the article with this title, from the list or from wherever the app came back to. */
export async function openArticle(page: Page, title: string): Promise<void> {
  const { editor, list } = ui(page);
  await expect(list.heading.or(editor.body).first()).toBeVisible();
  if (await editor.body.isVisible()) {
    if ((await editor.title.inputValue()).normalize('NFC') === title.normalize('NFC')) return;
    await editor.back.click();
  }
  await expect(list.heading).toBeVisible();
  await list.rows.filter({ hasText: title }).getByRole('button').first().click();
  await expect(editor.title).toHaveValue(title);
}

export function nfc(content: { title: string; paragraphs: string[] }): { title: string; paragraphs: string[] } {
  return { title: content.title.normalize('NFC'), paragraphs: content.paragraphs.map((p) => p.normalize('NFC')) };
}

/** An account an administrator creates from the accounts screen. */
export interface NewAccount extends Account {
  role: 'reporter' | 'editor' | 'head' | 'admin';
  byline?: string;
  unit?: string;
}

/** The reporter and the department head the two-person specs sign in as. */
export const reporter: NewAccount = {
  username: 'huynhly',
  displayName: 'Huỳnh Thị Ly',
  password: 'phóng viên viết bài 2026',
  role: 'reporter',
  byline: 'Huỳnh Thị Ly',
  unit: 'Phòng Văn hóa & Thông tin TP Huế',
};

export const head: NewAccount = {
  username: 'truongphong',
  displayName: 'Nguyễn Văn Duyệt',
  password: 'trưởng phòng ký duyệt 2026',
  role: 'head',
};

/** As an administrator: opens "Tài khoản" and creates one account through its form. */
export async function createAccount(page: Page, account: NewAccount): Promise<void> {
  const { nav, accounts } = ui(page);
  await nav.accounts.click();
  await expect(accounts.heading).toBeVisible();
  await accounts.create.click();
  const form = accounts.form;
  await form.getByRole('textbox', { name: vi.accounts.username, exact: true }).fill(account.username);
  await form.getByRole('textbox', { name: vi.accounts.displayName, exact: true }).fill(account.displayName);
  await form.getByRole('combobox', { name: vi.accounts.role }).click();
  await page.getByRole('option', { name: vi.roles[account.role], exact: true }).click();
  await form.getByRole('textbox', { name: vi.accounts.password, exact: true }).fill(account.password);
  if (account.byline) await form.getByRole('textbox', { name: vi.accounts.byline, exact: true }).fill(account.byline);
  if (account.unit) await form.getByRole('textbox', { name: vi.accounts.unit, exact: true }).fill(account.unit);
  await form.getByRole('button', { name: vi.accounts.create }).click();
  await expect(form).toBeHidden();
  await expect(accounts.rows.filter({ hasText: account.username })).toHaveCount(1);
}

/**
 * Selects `text` inside the editor's body as a person dragging the mouse would, through the DOM
 * selection the editor follows.
 */
export async function selectInBody(page: Page, text: string): Promise<void> {
  const body = ui(page).editor.body;
  await body.focus();
  const found = await body.evaluate((root, wanted) => {
    // Runs in the page; typed structurally because the Node-side project has no DOM library.
    interface DomText {
      data: string;
    }
    const doc = (root as unknown as { ownerDocument: DomDocument }).ownerDocument;
    interface DomDocument {
      createTreeWalker(root: unknown, what: number): { nextNode(): DomText | null };
      createRange(): { setStart(node: DomText, offset: number): void; setEnd(node: DomText, offset: number): void };
      getSelection(): { removeAllRanges(): void; addRange(range: unknown): void } | null;
    }
    const walker = doc.createTreeWalker(root, 4);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(wanted);
      if (at < 0) continue;
      const range = doc.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = doc.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return true;
    }
    return false;
  }, text);
  expect(found, `"${text}" is in one run of the body's text`).toBe(true);
  // The editor adopts a selection made outside its own key handling on the next selectionchange task.
  await page.waitForTimeout(200);
}

/** Opens one tab of the editor's side panel (Duyệt, Góp ý, Lịch sử). */
export async function openPanel(page: Page, tab: 'review' | 'comments' | 'history'): Promise<void> {
  await ui(page).panel.tab(tab).click();
}

/**
 * Lets the editor catch up with the caret. Lexical adopts a caret the browser moved (typing,
 * arrows, Home/End, a click) on the next selectionchange task, and Chromium can deliver the
 * next queued key before that task runs, most often on a loaded machine. A person is never
 * that fast; tests that move the caret by keyboard wait this long after each move.
 */
export async function settleCaret(page: Page): Promise<void> {
  await page.waitForTimeout(200);
}
