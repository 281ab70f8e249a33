import type { Page } from '@playwright/test';
import { slugify } from '../src/shared/slug';
import { expect, test } from './support/fixtures';
import {
  admin,
  createAccount,
  createArticle,
  createFirstAdmin,
  head,
  openArticle,
  reporter,
  signIn,
  signOut,
  typeArticle,
  waitUntilSaved,
} from './support/flows';
import { ui, vi as catalogue } from './support/ui';

const vi = catalogue as typeof catalogue & {
  editor: { inReviewLocked: string; signedReadOnly: string; editBody: string; editCancel: string };
  review: { retract: string; publishBody: string; publishTitle: string };
};

const TITLE = 'Nhà vườn Kim Long mở cửa đón khách dịp lễ';
const PARAGRAPH = 'Hơn hai mươi nhà vườn ở phường Kim Long mở cửa miễn phí cho du khách.';

/** The text of the article body, read from the page whether or not it can be typed into. */
const bodyText = (page: Page) =>
  page
    .getByTestId('editor-body-root')
    .locator('[contenteditable]')
    .first()
    .evaluate((el) => (el as unknown as { textContent: string | null }).textContent ?? '');

/** Clicks into the body and presses a few keys, as someone reading the article might by accident. */
async function typeIntoBody(page: Page, text: string): Promise<void> {
  await page.getByTestId('editor-body-root').locator('[contenteditable]').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

test('signed and submitted articles open read-only; editing is an explicit step', async ({ app }) => {
  test.setTimeout(180_000);
  const page = app.page;
  const { panel, editor } = ui(page);
  const retract = panel.root.getByRole('button', { name: vi.review.retract, exact: true });

  await createFirstAdmin(page, admin);
  await createAccount(page, reporter);
  await createAccount(page, head);
  await signOut(page);

  // The reporter sends her article to review: it is locked for her, keys do nothing.
  await signIn(page, reporter);
  await createArticle(page);
  await typeArticle(page, { title: TITLE, paragraphs: [PARAGRAPH] });
  await waitUntilSaved(page);
  await panel.action('submit').click();
  await expect(panel.status).toHaveText(vi.status.submitted);
  await expect(page.getByTestId('editor-readonly')).toHaveText(vi.editor.inReviewLocked);
  await typeIntoBody(page, ' Sửa lén.');
  await editor.title.click();
  await page.keyboard.type(' thêm');
  expect((await bodyText(page)).normalize('NFC')).toBe(PARAGRAPH);
  await expect(editor.title).toHaveValue(TITLE);

  // Still locked when she opens it again; "Rút lại" takes it back to draft and opens it.
  await editor.back.click();
  await openArticle(page, TITLE);
  await expect(page.getByTestId('editor-readonly')).toBeVisible();
  await retract.click();
  await expect(panel.status).toHaveText(vi.status.draft);
  await expect(page.getByTestId('editor-readonly')).toHaveCount(0);
  await typeIntoBody(page, ' Vé vào cửa miễn phí.');
  await waitUntilSaved(page);
  expect((await bodyText(page)).normalize('NFC')).toBe(`${PARAGRAPH} Vé vào cửa miễn phí.`);
  await panel.action('submit').click();
  await expect(panel.status).toHaveText(vi.status.submitted);
  await signOut(page);

  // The head signs it off, then opens it again: read-only, and a key does not void the signature.
  await signIn(page, head);
  await ui(page).nav.queue.click();
  await ui(page).list.rows.filter({ hasText: TITLE }).getByRole('button').first().click();
  await expect(editor.title).toHaveValue(TITLE);
  await panel.action('approve').click();
  await panel.dialog.getByRole('textbox', { name: vi.review.password, exact: true }).fill(head.password);
  await panel.dialog.getByRole('button', { name: vi.review.sign }).click();
  await expect(panel.status).toHaveText(vi.status.approved);
  await editor.back.click();
  await openArticle(page, TITLE);
  await expect(page.getByTestId('editor-readonly')).toContainText(vi.editor.signedReadOnly);
  await typeIntoBody(page, 'x');
  await page.waitForTimeout(1_500);
  expect((await bodyText(page)).normalize('NFC')).toBe(`${PARAGRAPH} Vé vào cửa miễn phí.`);
  await expect(panel.status).toHaveText(vi.status.approved);
  await expect(panel.approvalBadge).toHaveAttribute('data-state', 'valid');

  // "Sửa bài" says the signature will be voided and asks; cancelled, nothing changes.
  await page.getByTestId('editor-edit').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(vi.editor.editBody);
  await dialog.getByRole('button', { name: vi.editor.editCancel }).click();
  await expect(page.getByTestId('editor-readonly')).toBeVisible();

  // Confirmed, the editor opens and the first save voids the approval.
  await page.getByTestId('editor-edit').click();
  await page.getByTestId('edit-confirm').click();
  await expect(page.getByTestId('editor-readonly')).toHaveCount(0);
  await typeIntoBody(page, ' Mở cửa từ 7 giờ.');
  await waitUntilSaved(page);
  await expect(panel.status).toHaveText(vi.status.submitted);
  await expect(panel.approvalBadge).toHaveAttribute('data-state', 'voided');

  // Signed again, "Đăng bài" first names each site and the address the article will have there.
  await panel.action('approve').click();
  await panel.dialog.getByRole('textbox', { name: vi.review.password, exact: true }).fill(head.password);
  await panel.dialog.getByRole('button', { name: vi.review.sign }).click();
  await expect(panel.status).toHaveText(vi.status.approved);
  await panel.action('publish').click();
  const confirm = page.getByRole('dialog', { name: vi.review.publishTitle });
  await expect(confirm).toContainText(vi.review.publishBody);
  await expect(confirm.getByTestId('publish-site')).toHaveCount(1);
  await expect(confirm.getByTestId('publish-address')).toHaveText(new RegExp(`bai-viet/${slugify(TITLE)}\\.html$`));
  await expect(panel.status).toHaveText(vi.status.approved);
  await confirm.getByTestId('publish-confirm').click();
  await expect(panel.status).toHaveText(vi.status.published);
  await page.getByTestId('open-slip').click();
  await expect(page.getByTestId('slip-approver')).toHaveText(head.displayName);
  await expect(page.getByTestId('slip-self-signed')).toHaveCount(0);
  await page.getByTestId('slip-back').click();

  // The only head may sign her own article (the office default), and the slip says she did.
  await editor.back.click();
  await createArticle(page);
  await typeArticle(page, { title: 'Lịch tổng duyệt lễ hội đường phố', paragraphs: [PARAGRAPH] });
  await waitUntilSaved(page);
  await panel.action('submit').click();
  await expect(panel.status).toHaveText(vi.status.submitted);
  await panel.action('approve').click();
  await panel.dialog.getByRole('textbox', { name: vi.review.password, exact: true }).fill(head.password);
  await panel.dialog.getByRole('button', { name: vi.review.sign }).click();
  await expect(panel.status).toHaveText(vi.status.approved);
  await page.getByTestId('open-slip').click();
  await expect(page.getByTestId('slip-self-signed')).toContainText(head.displayName);
});
