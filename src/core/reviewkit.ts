/** Test helpers for review and sign-off: articles in a given state, through the API only. */
import type { EditorState } from '../shared/domain';
import type { ReviewedArticle } from '../shared/review';
import { emptyEditorState, paragraphNode, textNode } from './articles/editorState';
import { PASSWORD, type TestCore } from './testkit';

export function body(...paragraphs: string[]): EditorState {
  const state = emptyEditorState();
  state.root.children = paragraphs.map((p) => paragraphNode([textNode(p)]));
  return state;
}

export const TEXT = 'Lễ hội Huế diễn ra sôi nổi. Người dân đón chào du khách.';

/** Creates an article as `author` and saves a title, sapo and body into it. */
export async function writeArticle(
  core: TestCore,
  author: string,
  text = TEXT,
  title = 'Festival Huế 2026',
): Promise<ReviewedArticle> {
  const { id } = await core.call('articles.create', {}, author);
  await core.call('articles.save', { id, baseVersion: 1, title, summary: 'Sapo', body: body(text) }, author);
  return core.call('articles.get', { id }, author);
}

export async function edit(core: TestCore, who: string, id: string, text: string) {
  const article = await core.call('articles.get', { id }, who);
  return core.call(
    'articles.save',
    { id, baseVersion: article.version, title: article.title, summary: article.summary, body: body(text) },
    who,
  );
}

export async function approve(core: TestCore, head: string, id: string, password = PASSWORD) {
  const article = await core.call('articles.get', { id }, head);
  return core.call('workflow.approve', { articleId: id, version: article.version, password }, head);
}

/** Written by `author`, submitted, and approved by `head`. */
export async function approvedArticle(core: TestCore, author: string, head: string): Promise<ReviewedArticle> {
  const article = await writeArticle(core, author);
  await core.call('workflow.submit', { articleId: article.id }, author);
  return approve(core, head, article.id);
}
