import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { imagesFromUrl } from '../../shared/seal/sources';
import { verifyDocument, type VerifyResult } from '../../shared/seal/verify';
import { findRemote } from '../publish/remote';
import { createKeyFileSecretBox } from '../publish/secrets';
import { decodeSeal, SEAL_COMMENT_PREFIX, type Seal } from '../../shared/seal/format';
import { WpRest } from '../publish/testing/wordpressKit';
import { createWordPressAdapter, SEAL_META_KEY } from '../publish/wordpress/adapter';
import { PublishWorker } from '../publish/worker';
import { approve, bodyWithImage, imageNode, uploadPhoto } from '../reviewkit';
import { openSeededCore, runOnRealTime, type TestCore } from '../testkit';
import { officeKeysFile } from './keysFile';

// The seal on a real WordPress: kept through its content filters and in post meta (the plugin the
// office installs, resources/wordpress), and the verifier against the page as the theme shows it
// after wpautop, wptexturize, smileys and responsive images, as a reader's browser would get it.

const site = inject('wordpress');
const rest = new WpRest(site);

let core: TestCore;
let sessions: Record<string, string>;
let targetId: string;

beforeEach(async () => {
  ({ core, sessions } = await openSeededCore());
  runOnRealTime(core);
  core.ctx.secrets = createKeyFileSecretBox(join(core.dir, 'secret.key'));
  const target = await core.call(
    'publishing.targets.save',
    {
      name: 'Cổng thông tin',
      enabled: true,
      config: { kind: 'wordpress', siteUrl: site.url, user: site.user },
      secret: site.appPassword,
    },
    sessions.quantri,
  );
  targetId = target.id;
});
afterEach(() => core.close());

/** What WordPress rewrites on the page: quotes, dashes, an ellipsis, a size with x, a smiley, a line of its own. */
const PARAGRAPHS = [
  'Người dân gọi đó là "Con đường di sản" -- niềm tự hào của phường Thuận Hoà...',
  "Màn hình 1920x1080 trình chiếu 'ký ức' phố cổ :)",
  'Lễ hội kéo dài từ 10 đến 12/4; vé vào cửa 50.000 đồng.',
];

async function publishToWordPress(): Promise<{ link: string; postId: number; articleId: string }> {
  const reporter = sessions.phongvien!;
  const photo = await uploadPhoto(core, reporter);
  const { id } = await core.call('articles.create', {}, reporter);
  await core.call(
    'articles.save',
    {
      id,
      baseVersion: 1,
      title: `"Con đường di sản" -- ${id.slice(0, 8)}`,
      summary: 'Sapo bài viết.',
      body: bodyWithImage(
        PARAGRAPHS,
        imageNode(photo, { altText: 'Đường Lê Lợi', caption: 'Đường Lê Lợi', credit: 'Ảnh: Phòng VH-TT' }),
      ),
    },
    reporter,
  );
  await core.call('workflow.submit', { articleId: id }, reporter);
  await approve(core, sessions.truongphong!, id);
  await core.call('workflow.publish', { articleId: id }, sessions.truongphong);
  const adapter = createWordPressAdapter({ siteUrl: site.url, user: site.user, appPassword: site.appPassword });
  const worker = new PublishWorker(core.ctx, { adapterFor: () => adapter });
  expect(await worker.runOnce()).toBe(true);
  const remote = findRemote(core.ctx, id, targetId)!;
  const post = await rest.post(Number(remote.remoteId));
  return { link: post.link, postId: post.id, articleId: id };
}

const sealIn = (html: string) => new RegExp(`<!-- ${SEAL_COMMENT_PREFIX}[A-Za-z0-9_-]+ -->`).exec(html)?.[0] ?? null;

async function fetchBytes(url: string): Promise<Uint8Array | null> {
  const response = await fetch(url);
  return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
}

async function checkPage(link: string): Promise<VerifyResult> {
  const html = await (await fetch(link)).text();
  const document = new JSDOM(html, { url: link }).window.document;
  return verifyDocument(document, { keys: officeKeysFile(core.ctx), image: imagesFromUrl(link, fetchBytes) });
}

describe('verifying a WordPress post', () => {
  it('finds the post as published intact, and names a word edited in WordPress afterwards', async () => {
    const { link, postId } = await publishToWordPress();
    const result = await checkPage(link);
    expect(
      result.checks.filter((c) => c.ok !== true),
      JSON.stringify(result, null, 2),
    ).toEqual([]);
    expect(result.verdict).toBe('intact');

    // Someone with a WordPress login edits the post: the page no longer shows what was signed.
    const raw = (await rest.post(postId)).content.raw;
    await rest.ok('POST', `/wp/v2/posts/${postId}`, { json: { content: raw.replace('50.000 đồng', '80.000 đồng') } });
    const edited = await checkPage(link);
    expect(edited.verdict).toBe('changed');
    expect(edited.headline).toContain('đã bị sửa sau khi ký');
    expect(edited.differences.map((d) => d.message)).toContainEqual(
      expect.stringMatching(/^Đã đổi "50.000" thành "80.000"/),
    );
  });

  it('keeps the seal through the content filters onto the public page, and in post meta', async () => {
    const { link, postId, articleId } = await publishToWordPress();
    const post = await rest.post(postId);
    const stored = sealIn(post.content.raw);
    expect(stored).not.toBeNull();
    expect((post as unknown as { meta: Record<string, string> }).meta[SEAL_META_KEY]).toBe(stored);
    const response = await fetch(link, { headers: { origin: 'https://tin.example.gov.vn' } });
    // The office's verification page, on its static site, may read the public post.
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const page = await response.text();
    expect(sealIn(page)).toBe(stored);
    // The texturizer did run on the text around it.
    expect(page).toContain('&#8220;Con đường di sản&#8221;');
    const seal = (await decodeSeal(stored!.slice(`<!-- ${SEAL_COMMENT_PREFIX}`.length, -' -->'.length))) as Seal;
    expect(seal.approval.articleId).toBe(articleId);
    // The theme shows the featured image, if at all, outside the content: the seal covers what the content shows.
    expect(seal.publication.shows).toEqual(['title', 'body', 'byline']);
    expect(seal.publication.images).toHaveLength(1);
  });
});
