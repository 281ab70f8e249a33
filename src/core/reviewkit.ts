/** Test helpers for review and sign-off: articles in a given state, through the API only. */
import { randomInt } from 'node:crypto';
import sharp from 'sharp';
import type { EditorNode, EditorState } from '../shared/domain';
import type { ReviewedArticle } from '../shared/review';
import { emptyEditorState, paragraphNode, textNode } from './articles/editorState';
import { PASSWORD, type TestCore } from './testkit';

export function body(...paragraphs: string[]): EditorState {
  const state = emptyEditorState();
  state.root.children = paragraphs.map((p) => paragraphNode([textNode(p)]));
  return state;
}

/** An image block as the editor stores it, naming an uploaded picture by its hash. */
export function imageNode(
  hash: string,
  fields: Partial<Record<'altText' | 'caption' | 'credit', string> & Record<'width' | 'height', number>> = {},
): EditorNode {
  return { type: 'image', version: 1, hash, width: 320, height: 200, altText: '', caption: '', credit: '', ...fields };
}

/** The paragraphs, then the image. */
export function bodyWithImage(paragraphs: string[], image: EditorNode): EditorState {
  const state = body(...paragraphs);
  state.root.children.push(image);
  return state;
}

/**
 * A solid-colour picture uploaded through the API; returns its hash. A random colour (the default)
 * gives new bytes on every call, so nothing an earlier test uploaded stands in for it.
 */
export async function uploadPhoto(
  core: TestCore,
  session: string,
  {
    width = 320,
    height = 200,
    background = { r: randomInt(256), g: randomInt(256), b: randomInt(256) },
    format = 'jpeg',
  }: {
    width?: number;
    height?: number;
    background?: string | { r: number; g: number; b: number };
    format?: 'jpeg' | 'png';
  } = {},
): Promise<string> {
  const image = sharp({ create: { width, height, channels: 3, background } });
  const bytes = await (format === 'png' ? image.png() : image.jpeg()).toBuffer();
  return (await core.call('images.upload', { data: bytes.toString('base64') }, session)).hash;
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
