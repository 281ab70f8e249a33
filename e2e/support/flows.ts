import { expect, type Page } from '@playwright/test';
import { ui } from './ui';

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
