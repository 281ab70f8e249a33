import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { DEFAULT_MESSAGES } from '../src/shared/errors';
import { expect, test } from './support/fixtures';
import { readPdf } from './support/pdf';
import {
  admin,
  createAccount,
  createArticle,
  createFirstAdmin,
  openPanel,
  selectInBody,
  signIn,
  signOut,
  typeArticle,
  waitUntilSaved,
  settleCaret,
  reporter,
  head,
} from './support/flows';
import { ui, vi } from './support/ui';

const TITLE = 'Lễ hội Áo dài Huế 2026 mở màn trên phố đi bộ';
const COMMENTED = 'Ban tổ chức bố trí thêm ba điểm giữ xe miễn phí quanh cầu Trường Tiền.';
const article = {
  title: TITLE,
  paragraphs: ['Tối 15/4, phố đi bộ Nguyễn Đình Chiểu đông kín người dân và du khách.', COMMENTED],
};
const REVISION = ' Xe buýt nội thành chạy đến 23 giờ.';

/** Opens the article from the list, fresh from the core (a page open since earlier shows older text). */
async function openFromList(page: Page): Promise<void> {
  const { nav, list, editor } = ui(page);
  await nav.articles.click();
  await expect(list.heading).toBeVisible();
  await list.rows.filter({ hasText: TITLE }).getByRole('button').first().click();
  await expect(editor.title).toHaveValue(TITLE);
}

async function expectStatus(page: Page, status: keyof typeof vi.status): Promise<void> {
  await expect(ui(page).panel.status).toHaveText(vi.status[status]);
}

test('a reporter and a head take one article from draft through review, sign-off, a voided approval and publishing', async ({
  app,
}) => {
  test.setTimeout(240_000);
  const reporterPage = app.page;

  // The administrator creates the two accounts, then hands the workstation to the reporter.
  await createFirstAdmin(reporterPage, admin);
  await createAccount(reporterPage, reporter);
  await createAccount(reporterPage, head);
  await signOut(reporterPage);
  await signIn(reporterPage, reporter);
  await expect(ui(reporterPage).shell.signOut).toBeVisible();
  // A reporter has no accounts screen and no review queue: the core did not list those actions.
  await expect(ui(reporterPage).nav.accounts).toHaveCount(0);
  await expect(ui(reporterPage).nav.queue).toHaveCount(0);

  const headPage = await app.openSecondPage();
  await signIn(headPage, head);
  await expect(ui(headPage).shell.signOut).toBeVisible();

  // Reporter: drafts and submits.
  await createArticle(reporterPage);
  await typeArticle(reporterPage, article);
  await waitUntilSaved(reporterPage);
  await expectStatus(reporterPage, 'draft');
  await expect(ui(reporterPage).panel.action('approve')).toHaveCount(0);
  await ui(reporterPage).panel.action('submit').click();
  await expectStatus(reporterPage, 'submitted');

  // Head: the queue shows it; comments on one sentence and asks for changes.
  const headUi = ui(headPage);
  await expect(headUi.nav.queue).toContainText('1');
  await headUi.nav.queue.click();
  // The head signs: the queue says the articles wait for her signature.
  await expect(headPage.getByTestId('queue-screen')).toContainText(
    (vi as unknown as { queue: { intro: string } }).queue.intro,
  );
  await headUi.list.rows.filter({ hasText: TITLE }).getByRole('button').first().click();
  await expect(headUi.editor.title).toHaveValue(TITLE);
  await expectStatus(headPage, 'submitted');
  await openPanel(headPage, 'comments');
  await selectInBody(headPage, COMMENTED);
  await headUi.panel.startComment.click();
  await expect(headPage.getByTestId('comment-form-quote')).toHaveText(COMMENTED);
  await headPage.getByRole('textbox', { name: vi.comments.text }).fill('Ghi rõ giờ xe buýt chạy, bạn đọc hỏi nhiều.');
  await headPage.getByRole('button', { name: vi.comments.send }).click();
  await expect(headUi.panel.threads).toHaveCount(1);
  await expect(headUi.panel.threads.getByTestId('comment-quote')).toHaveText(COMMENTED);
  await openPanel(headPage, 'review');
  await headUi.panel.action('requestChanges').click();
  await headUi.panel.dialog.getByRole('textbox', { name: vi.review.note }).fill('Bổ sung giờ xe buýt rồi gửi lại.');
  await headUi.panel.dialog.getByRole('button', { name: vi.review.requestChanges }).click();
  await expectStatus(headPage, 'changes_requested');

  // Reporter: sees it came back, reads the comment, revises and resubmits.
  const reporterUi = ui(reporterPage);
  await expect(reporterUi.nav.returned).toContainText('1');
  await reporterUi.nav.returned.click();
  await expect(reporterPage.getByTestId('returned-note')).toContainText('Bổ sung giờ xe buýt rồi gửi lại.');
  await reporterUi.list.rows.filter({ hasText: TITLE }).getByRole('button').first().click();
  await expectStatus(reporterPage, 'changes_requested');
  await expect(reporterPage.getByTestId('review-event-note').first()).toHaveText('Bổ sung giờ xe buýt rồi gửi lại.');
  await openPanel(reporterPage, 'comments');
  await expect(reporterUi.panel.threads).toHaveCount(1);
  await expect(reporterUi.panel.threads.getByTestId('comment-quote')).toHaveText(COMMENTED);
  await reporterUi.editor.body.click();
  await reporterPage.keyboard.press('Control+End');
  await settleCaret(reporterPage);
  await reporterPage.keyboard.type(REVISION);
  await waitUntilSaved(reporterPage);
  await reporterUi.panel.threads.getByTestId('comment-resolve').click();
  await expect(reporterUi.panel.threads).toHaveAttribute('data-state', 'resolved');
  await openPanel(reporterPage, 'review');
  await reporterUi.panel.action('submit').click();
  await expectStatus(reporterPage, 'submitted');

  // Head: compares the two submissions word by word, then signs off with their password.
  await openFromList(headPage);
  await expectStatus(headPage, 'submitted');
  await openPanel(headPage, 'history');
  // "Since my last submission" is the author's comparison, not offered to the head.
  await expect(headPage.getByTestId('compare-approved')).toBeVisible();
  await expect(headPage.getByTestId('compare-my-submission')).toHaveCount(0);
  const submitted = headUi.panel.revisions.and(headPage.locator('[data-kind="submitted"]'));
  await expect(submitted).toHaveCount(2);
  await submitted.nth(0).getByRole('checkbox').check();
  await submitted.nth(1).getByRole('checkbox').check();
  await headPage.getByTestId('compare-picked').click();
  await expect(headUi.panel.diff).toBeVisible();
  await expect(headUi.panel.diff.getByTestId('diff-insert')).toContainText(['buýt']);
  await expect(headUi.panel.diff.getByTestId('diff-delete')).toHaveCount(0);
  await headPage.keyboard.press('Escape');
  await expect(headUi.panel.diff).toBeHidden();
  await approve(headPage);
  await expectStatus(headPage, 'approved');
  await expect(headUi.panel.approvalBadge).toHaveAttribute('data-state', 'valid');
  await expect(headPage.getByTestId('approval-signer')).toHaveText(head.displayName);

  // Reporter: changes one word of the approved text; the approval is void and the article is back in review.
  await openFromList(reporterPage);
  await expectStatus(reporterPage, 'approved');
  // A signed article opens read-only; editing it is asked for, with a warning, before a key counts.
  await reporterPage.getByTestId('editor-edit').click();
  await reporterPage.getByTestId('edit-confirm').click();
  await selectInBody(reporterPage, 'đông');
  await reporterPage.keyboard.type('chật');
  await waitUntilSaved(reporterPage);
  await expectStatus(reporterPage, 'submitted');
  await expect(reporterUi.panel.approvalBadge).toHaveAttribute('data-state', 'voided');
  await expect(reporterPage.getByTestId('approval-voided')).toBeVisible();
  await expect(reporterUi.panel.action('publish')).toHaveCount(0);

  // Head: sees what changed since the approval, signs off again; only now can it be published.
  await openFromList(headPage);
  await expectStatus(headPage, 'submitted');
  await expect(headUi.panel.action('publish')).toHaveCount(0);
  await openPanel(headPage, 'history');
  await headPage.getByTestId('compare-approved').click();
  await expect(headUi.panel.diff.getByTestId('diff-insert')).toHaveText(['chật']);
  await expect(headUi.panel.diff.getByTestId('diff-delete')).toHaveText(['đông']);
  await headPage.keyboard.press('Escape');
  await openPanel(headPage, 'review');
  await approve(headPage);
  await expectStatus(headPage, 'approved');
  await expect(headUi.panel.approvalBadge).toHaveAttribute('data-state', 'valid');

  // One byte changed behind the app's back: the approval shows INVALID and publishing is refused.
  const articleId = /bai-viet\/([0-9a-f-]{36})/.exec(headPage.url())?.[1];
  expect(articleId).toBeTruthy();
  setTitleInDatabase(app.dataDir, articleId ?? '', TITLE.replace('2026', '2027'));
  await headPage.reload();
  await expect(headUi.editor.title).toHaveValue(TITLE.replace('2026', '2027'));
  await expect(headUi.panel.approvalBadge).toHaveAttribute('data-state', 'invalid');
  await expect(headUi.panel.approvalBadge).toHaveText(new RegExp(vi.review.invalid));
  await headUi.panel.action('publish').click();
  await headPage.getByTestId('publish-confirm').click();
  await expect(headUi.panel.error).toContainText(DEFAULT_MESSAGES.APPROVAL_INVALID);
  await expectStatus(headPage, 'approved');

  // The same byte put back: the signature holds again and the article goes out.
  setTitleInDatabase(app.dataDir, articleId ?? '', TITLE);
  await headPage.reload();
  await expect(headUi.editor.title).toHaveValue(TITLE);
  await expect(headUi.panel.approvalBadge).toHaveAttribute('data-state', 'valid');
  await headUi.panel.action('publish').click();
  await headPage.getByTestId('publish-confirm').click();
  await expectStatus(headPage, 'published');

  // The approval slip names the article, the signer and the signature's fingerprint.
  await headPage.getByTestId('open-slip').click();
  const slip = headPage.getByTestId('approval-slip');
  await expect(slip.getByRole('heading', { name: vi.slip.title })).toBeVisible();
  await expect(headPage.getByTestId('slip-title')).toHaveText(TITLE);
  await expect(headPage.getByTestId('slip-approver')).toHaveText(head.displayName);
  await expect(headPage.getByTestId('slip-time')).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} (SA|CH)$/);
  await expect(headPage.getByTestId('slip-fingerprint')).toHaveText(/^[0-9a-f]{4}( [0-9a-f]{1,4})+$/);
  await expect(headPage.getByRole('button', { name: vi.slip.print })).toBeVisible();
  await expect(headPage.getByTestId('slip-dateline')).toHaveText(/^Huế, ngày \d{2} tháng \d{1,2} năm \d{4}$/);
  if (app.target === 'web') {
    // Printed through Chromium: one A4 page laid out as an administrative document, no word cut.
    const printed = await readPdf(await headPage.pdf({ preferCSSPageSize: true }));
    expect(printed.pages).toBe(1);
    const text = printed.text.replace(/\s+/g, ' ');
    for (const part of [
      'UBND THÀNH PHỐ HUẾ',
      'PHÒNG VĂN HÓA & THÔNG TIN TP HUẾ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'PHIẾU DUYỆT BÀI',
      'NGƯỜI VIẾT BÀI',
      'NGƯỜI KÝ DUYỆT',
      '(Ký, ghi rõ họ tên)',
      head.displayName,
    ]) {
      expect(text).toContain(part);
    }
    expect(text).toMatch(/Huế, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    const words = new Set(printed.text.split(/\s+/));
    for (const word of TITLE.split(/\s+/)) expect(words).toContain(word);
  }

  // The reporter's list files it under "đã đăng".
  await reporterUi.nav.articles.click();
  await reporterPage.getByRole('tab', { name: new RegExp(`^${vi.status.published}`) }).click();
  await expect(reporterUi.list.rows.filter({ hasText: TITLE })).toHaveCount(1);
});

async function approve(page: Page): Promise<void> {
  const { panel } = ui(page);
  await openPanel(page, 'review');
  await panel.action('approve').click();
  await panel.dialog.getByRole('textbox', { name: vi.review.password, exact: true }).fill(head.password);
  await panel.dialog.getByRole('button', { name: vi.review.sign }).click();
  await expect(panel.dialog).toBeHidden();
}

/** Writes the article's title straight into SQLite, as someone with the database file could. */
function setTitleInDatabase(dataDir: string, articleId: string, title: string): void {
  const db = new Database(path.join(dataDir, 'bientap.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    const changed = db.prepare('UPDATE articles SET title = ? WHERE id = ?').run(title, articleId).changes;
    expect(changed).toBe(1);
  } finally {
    db.close();
  }
}

test('an administrator edits, disables, enables and resets an account; everyone changes their own password', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const { page } = app;
  const { accounts, login, shell } = ui(page);
  await createFirstAdmin(page, admin);
  await createAccount(page, reporter);
  const row = accounts.rows.filter({ hasText: reporter.username });

  // Edit: the role and unit change in the table.
  await row.getByRole('button', { name: vi.accounts.edit }).click();
  await accounts.form.getByRole('combobox', { name: vi.accounts.role }).click();
  await page.getByRole('option', { name: vi.roles.editor, exact: true }).click();
  await accounts.form
    .getByRole('textbox', { name: vi.accounts.unit, exact: true })
    .fill('Phòng Văn hóa & Thông tin TP Huế');
  await accounts.form.getByRole('button', { name: vi.accounts.save }).click();
  await expect(accounts.form).toBeHidden();
  await expect(row.getByRole('cell').nth(2)).toHaveText(vi.roles.editor);

  // Disabled: the account cannot sign in, answered like a wrong password (nothing about the account leaks).
  await row.getByRole('button', { name: vi.accounts.disable, exact: true }).click();
  await expect(row.getByRole('cell').nth(4)).toHaveText(vi.accounts.disabled);
  await signOut(page);
  await signIn(page, reporter);
  await expect(login.error).toContainText(DEFAULT_MESSAGES.INVALID_CREDENTIALS);

  // Enabled again, with a password the administrator sets.
  await signIn(page, admin);
  await ui(page).nav.accounts.click();
  await row.getByRole('button', { name: vi.accounts.enable, exact: true }).click();
  await expect(row.getByRole('cell').nth(4)).toHaveText(vi.accounts.active);
  const reset = 'mật khẩu quản trị đặt lại';
  await row.getByRole('button', { name: vi.accounts.resetPassword }).click();
  await accounts.form.getByRole('textbox', { name: vi.accounts.newPassword, exact: true }).fill(reset);
  await accounts.form.getByRole('button', { name: vi.accounts.resetPassword }).click();
  await expect(accounts.form).toBeHidden();
  await signOut(page);
  await signIn(page, reporter);
  await expect(login.error).toContainText(DEFAULT_MESSAGES.INVALID_CREDENTIALS);
  await signIn(page, reporter, reset);
  await expect(shell.signOut).toBeVisible();

  // The user's own change: the old password stops working, the new one signs in.
  const own = 'mật khẩu riêng của phóng viên';
  await page.getByRole('button', { name: vi.nav.changePassword }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: vi.password.current, exact: true }).fill(reset);
  await dialog.getByRole('textbox', { name: vi.password.new, exact: true }).fill(own);
  await dialog.getByRole('textbox', { name: vi.password.repeat, exact: true }).fill(own);
  await dialog.getByRole('button', { name: vi.password.save }).click();
  await expect(dialog.getByRole('status')).toHaveText(vi.password.done);
  await page.keyboard.press('Escape');
  await signOut(page);
  await signIn(page, reporter, own);
  await expect(shell.signOut).toBeVisible();
});
