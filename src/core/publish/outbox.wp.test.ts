import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { bodyWithImage, imageNode, uploadPhoto } from '../reviewkit';
import { openSeededCore, PASSWORD, runOnRealTime, type TestCore } from '../testkit';
import type { PublishAdapter } from './adapter';
import { findRemote } from './remote';
import { articleHtml } from './payload';
import { createKeyFileSecretBox } from './secrets';
import { startFaultProxy, writes, type Fault, type FaultProxy } from './testing/faultProxy';
import { WpRest } from './testing/wordpressKit';
import { createWordPressAdapter, wordPressStamp } from './wordpress/adapter';
import { loadArticle } from '../articles/view';
import { PublishWorker } from './worker';

// The whole path (status change → outbox → worker → adapter → WordPress) through a proxy that
// misbehaves, against the real WordPress the suite starts.

const site = inject('wordpress');
const rest = new WpRest(site);
const TIMEOUT_MS = 2_000;

let proxy: FaultProxy;
let core: TestCore;
let sessions: Record<string, string>;
let targetId: string;

beforeAll(async () => {
  proxy = await startFaultProxy({ target: site.url });
});
afterAll(async () => {
  await proxy?.close();
});

beforeEach(async () => {
  proxy.clear();
  proxy.log.length = 0;
  ({ core, sessions } = await openSeededCore());
  // Backoff and the outbox run on the real clock here: the faults take real time.
  runOnRealTime(core);
  core.ctx.secrets = createKeyFileSecretBox(join(core.dir, 'secret.key'));
  const target = await core.call(
    'publishing.targets.save',
    {
      name: 'Cổng thông tin',
      enabled: true,
      config: { kind: 'wordpress', siteUrl: proxy.url, user: site.user },
      secret: site.appPassword,
    },
    sessions.quantri,
  );
  targetId = target.id;
});
afterEach(() => core.close());

function worker(): PublishWorker {
  const adapter: PublishAdapter = createWordPressAdapter({
    siteUrl: proxy.url,
    user: site.user,
    appPassword: core.ctx.secrets.decrypt(
      (core.db.prepare('SELECT secret FROM publish_targets WHERE id = ?').get(targetId) as { secret: Buffer }).secret,
    ),
    timeoutMs: TIMEOUT_MS,
  });
  return new PublishWorker(core.ctx, { adapterFor: () => adapter, baseDelayMs: 200, maxDelayMs: 2_000 });
}

/** A picture no earlier test uploaded (a random colour), so each article's upload really goes to the site. */
const photo = () => uploadPhoto(core, sessions.phongvien!);

/** An article with an image, written, submitted, approved and published through the API. */
async function publishedArticle(title: string): Promise<string> {
  const author = sessions.phongvien!;
  const head = sessions.truongphong!;
  const hash = await photo();
  const { id } = await core.call('articles.create', {}, author);
  const state = bodyWithImage(
    ['Tuyến đường Lê Lợi được chỉnh trang; Đảng bộ phường Thuận Hoà họp bàn.', 'Hoà cùng không khí lễ hội.'],
    imageNode(hash, {
      altText: 'Đường Lê Lợi',
      caption: 'Đường Lê Lợi sau chỉnh trang',
      credit: 'Ảnh: Phòng VH-TT',
    }),
  );
  // A category the office's list lacks: the head adds it, as she may from an article.
  await core.call('categories.add', { name: 'Đô thị' }, head);
  await core.call(
    'articles.save',
    {
      id,
      baseVersion: 1,
      title,
      summary: 'Sapo bài viết về Huế.',
      body: state,
      category: 'Đô thị',
      tags: ['Huế', 'đường phố'],
      featuredImage: hash,
    },
    author,
  );
  await core.call('workflow.submit', { articleId: id }, author);
  const article = await core.call('articles.get', { id }, head);
  await core.call('workflow.approve', { articleId: id, version: article.version, password: PASSWORD }, head);
  await core.call('workflow.publish', { articleId: id }, head);
  return id;
}

/** After the queue drains: one post for the article, and what the site holds is what was signed. */
async function expectOnePostMatching(id: string): Promise<void> {
  const posts = await rest.postsOf(id);
  expect(posts.map((post) => post.status)).toEqual(['publish']);
  const article = loadArticle(core.ctx, id)!;
  const remote = await createWordPressAdapter({
    siteUrl: site.url,
    user: site.user,
    appPassword: site.appPassword,
  }).fetchRemote(id, findRemote(core.ctx, id, targetId), {});
  expect(remote?.title).toBe(article.title);
  expect(remote?.html).toBe(articleHtml(article));
  const latest = core.db
    .prepare('SELECT state FROM outbox WHERE article_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1')
    .get(id) as { state: string };
  expect(latest.state).toBe('done');
}

const FAULTS: [string, () => void][] = [
  [
    'the connection drops after WordPress created the post',
    () => proxy.inject({ kind: 'drop-after-commit' }, { match: writes('/wp/v2/posts') }),
  ],
  [
    '503 with Retry-After after the post was written',
    () =>
      proxy.inject({ kind: 'status', status: 503, retryAfter: '1', commit: true }, { match: writes('/wp/v2/posts') }),
  ],
  [
    '429 Too Many Requests',
    () => proxy.inject({ kind: 'status', status: 429, retryAfter: '1' }, { match: writes('/wp/v2/posts') }),
  ],
  [
    'an answer slower than the timeout',
    () => proxy.inject({ kind: 'delay', ms: TIMEOUT_MS * 2 } as Fault, { match: writes('/wp/v2/posts') }),
  ],
  [
    'the image upload drops after WordPress stored it',
    () => proxy.inject({ kind: 'drop-after-commit' }, { match: writes('/wp/v2/media') }),
  ],
];

describe('the outbox against WordPress under faults', () => {
  for (const [name, inject] of FAULTS) {
    it(`${name}: one post, equal to the signed article`, async () => {
      const id = await publishedArticle(`Chỉnh trang đường phố Huế: ${name}`);
      inject();
      await worker().drain(60_000);
      await expectOnePostMatching(id);
      // The fault really happened on the way: the proxy applied it to a request.
      expect(proxy.log.filter((entry) => entry.fault !== 'pass').length).toBeGreaterThan(0);
    });
  }

  it('the site down for a while: the worker pauses, resumes by itself, and sends every article once', async () => {
    const ids = [
      await publishedArticle('Huế mùa lễ hội – bài một'),
      await publishedArticle('Huế mùa lễ hội – bài hai'),
    ];
    await proxy.down({ ms: 2_500 });
    const running = worker();
    running.start();
    await expect
      .poll(() => (core.db.prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'done'`).get() as { n: number }).n, {
        timeout: 60_000,
        interval: 250,
      })
      .toBe(2);
    await running.stop();
    for (const id of ids) await expectOnePostMatching(id);
    const errors = core.db.prepare('SELECT count(*) AS n FROM outbox WHERE attempts > 1').get() as { n: number };
    expect(errors.n).toBeGreaterThan(0);
  });

  it('an edit made on WordPress is a conflict: nothing is overwritten until someone chooses', async () => {
    const id = await publishedArticle('Chợ Đông Ba sau cải tạo');
    await worker().drain(30_000);
    const [post] = await rest.postsOf(id);
    // Another person edits the post on the site; WordPress stamps modifications to the second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await rest.ok('POST', `/wp/v2/posts/${post!.id}`, { json: { title: 'Tiêu đề sửa trên trang' } });

    // The article is edited, signed again and published again.
    const head = sessions.truongphong!;
    const current = await core.call('articles.get', { id }, head);
    await core.call(
      'articles.save',
      { id, baseVersion: current.version, title: current.title, summary: 'Sapo đã sửa.', body: current.body },
      head,
    );
    // The edit voided the approval and sent the article back to review by itself.
    const again = await core.call('articles.get', { id }, head);
    await core.call('workflow.approve', { articleId: id, version: again.version, password: PASSWORD }, head);
    await core.call('workflow.publish', { articleId: id }, head);
    await worker().drain(30_000);

    const [status] = (await core.call('publishing.status', { articleId: id }, head)).items;
    expect(status?.state).toBe('conflict');
    expect((await rest.post(post!.id)).title.raw).toBe('Tiêu đề sửa trên trang');
    const conflict = await core.call('publishing.conflict', { entryId: status!.entryId! }, head);
    expect(conflict.remote?.title).toBe('Tiêu đề sửa trên trang');
    expect(conflict.local.title).toBe('Chợ Đông Ba sau cải tạo');

    await core.call('publishing.resolve', { entryId: status!.entryId!, choice: 'overwrite' }, head);
    await worker().drain(30_000);
    expect((await rest.post(post!.id)).title.raw).toBe('Chợ Đông Ba sau cải tạo');
    await expectOnePostMatching(id);
  });

  it("keeping the site's version supersedes the request and makes the site's copy the new baseline", async () => {
    const id = await publishedArticle('Nhà vườn Huế mở cửa đón khách');
    await worker().drain(30_000);
    const [post] = await rest.postsOf(id);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await rest.ok('POST', `/wp/v2/posts/${post!.id}`, { json: { title: 'Nhà vườn Huế (bản sửa trên trang)' } });
    const head = sessions.truongphong!;
    const current = await core.call('articles.get', { id }, head);
    await core.call(
      'articles.save',
      { id, baseVersion: current.version, title: current.title, summary: 'Sapo mới.', body: current.body },
      head,
    );
    const again = await core.call('articles.get', { id }, head);
    await core.call('workflow.approve', { articleId: id, version: again.version, password: PASSWORD }, head);
    await core.call('workflow.publish', { articleId: id }, head);
    await worker().drain(30_000);
    const [conflict] = (await core.call('publishing.status', { articleId: id }, head)).items;
    expect(conflict?.state).toBe('conflict');

    const kept = await core.call('publishing.resolve', { entryId: conflict!.entryId!, choice: 'keepRemote' }, head);
    expect(kept.state).toBe('superseded');
    expect((await rest.post(post!.id)).title.raw).toBe('Nhà vườn Huế (bản sửa trên trang)');
    const remote = await rest.post(post!.id);
    expect(findRemote(core.ctx, id, targetId)?.remoteModified).toBe(wordPressStamp(remote));
  });
});
