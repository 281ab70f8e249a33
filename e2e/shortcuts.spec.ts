import { expect, test } from './support/fixtures';
import {
  admin,
  createAccount,
  createFirstAdmin,
  head,
  signIn,
  signOut,
  typeArticle,
  waitUntilSaved,
} from './support/flows';
import { ui, vi } from './support/ui';

const words = vi as unknown as { shortcuts: { queueEmpty: string } };

test('Ctrl+Alt+N starts an article, Ctrl+Alt+F goes to search, Ctrl+Alt+J opens the next one in the queue', async ({
  app,
}) => {
  const page = app.page;
  await createFirstAdmin(page, admin);
  await createAccount(page, head);
  await signOut(page);
  await signIn(page, head);
  await expect(page.getByTestId('article-list')).toBeVisible();

  await page.keyboard.press('Control+Alt+J');
  await expect(page.getByTestId('toast').filter({ hasText: words.shortcuts.queueEmpty })).toBeVisible();

  await page.keyboard.press('Control+Alt+N');
  await expect(ui(page).editor.title).toBeVisible();
  await typeArticle(page, { title: 'Bài mở bằng phím tắt', paragraphs: ['Ca Huế trên sông Hương.'] });
  await waitUntilSaved(page);
  await ui(page).panel.action('submit').click();
  await expect(ui(page).panel.status).toHaveText(vi.status.submitted);

  // From inside the editor's title field too: the shortcut carries Ctrl+Alt, which typing never does.
  await ui(page).editor.title.click();
  await page.keyboard.press('Control+Alt+F');
  await expect(page.getByTestId('search-input')).toBeFocused();

  await page.keyboard.press('Control+Alt+J');
  await expect(ui(page).editor.title).toHaveValue('Bài mở bằng phím tắt');
});
