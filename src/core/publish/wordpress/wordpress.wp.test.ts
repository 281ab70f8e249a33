import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { PublishError, type PublishAdapter, type PublishPayload, type RemoteRef } from '../adapter';
import { startFaultProxy, requests, writes, type FaultProxy } from '../testing/faultProxy';
import {
  imageTag,
  samplePayload,
  testImage,
  unique,
  WpRest,
  type SiteLogin,
  type WpPostJson,
} from '../testing/wordpressKit';
import { createWordPressAdapter, wordPressStamp } from './adapter';
import { markerToken } from './content';

// Against the real WordPress the suite starts (scripts/lib/wordpress.mjs), through a fault proxy.

const site = inject('wordpress');
const rest = new WpRest(site);
let proxy: FaultProxy;

beforeAll(async () => {
  proxy = await startFaultProxy({ target: site.url });
});
afterAll(async () => {
  await proxy?.close();
});
beforeEach(() => {
  proxy.clear();
});

function adapterFor(
  login: SiteLogin = site,
  timeoutMs = 15_000,
  through: 'proxy' | 'direct' = 'proxy',
): PublishAdapter {
  return createWordPressAdapter({
    siteUrl: through === 'proxy' ? proxy.url : login.url,
    user: login.user,
    appPassword: login.appPassword,
    timeoutMs,
  });
}

async function failure(promise: Promise<unknown>): Promise<PublishError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PublishError);
    return error as PublishError;
  }
  throw new Error('expected a PublishError');
}

/** The one post of an article (any status), failing unless there is exactly one. */
async function onlyPost(articleId: string) {
  const posts = await rest.postsOf(articleId);
  expect(posts.map((post) => post.id)).toHaveLength(1);
  return posts[0]!;
}

/** What the site shows a reader at `url`. */
async function publicPage(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
}

/** WordPress stamps modifications to the second: make sure the next write gets a new stamp. */
async function nextSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1_100));
}

/** Publishing succeeded and the site holds exactly one post of the article, saying what we sent. */
async function expectPublished(adapter: PublishAdapter, payload: PublishPayload, ref: RemoteRef) {
  const post = await onlyPost(payload.articleId);
  expect(String(post.id)).toBe(ref.remoteId);
  expect(post.status).toBe('publish');
  expect(post.title.raw).toBe(payload.title);
  expect(wordPressStamp(post)).toBe(ref.remoteModified);
  const remote = await adapter.fetchRemote(payload.articleId, ref, {});
  expect(remote).toMatchObject({ remoteId: ref.remoteId, title: payload.title, html: payload.html });
  return post;
}

describe('publishing to WordPress', () => {
  it('creates exactly one post with the article’s Vietnamese text, summary, date, slug and byline', async () => {
    const adapter = adapterFor();
    const payload = samplePayload();
    expect(payload.html).toContain('đường');
    expect(payload.html).toContain('Đảng');
    const ref = await adapter.publish(payload, null, {});

    const post = await expectPublished(adapter, payload, ref);
    expect(post.slug).toBe(payload.slug);
    expect(post.excerpt.raw).toBe(payload.summary);
    expect(post.date_gmt).toBe('2021-04-15T03:51:38');
    expect(post.content.raw.startsWith(payload.html)).toBe(true);
    expect(post.content.raw).toContain(markerToken(payload.articleId));
    expect(post.content.raw).toMatch(
      /<p class="bientap-byline" style="text-align: right;"><strong>Huỳnh Thị Ly \(Phòng Văn hóa &amp; Thông tin TP Huế\)<\/strong><!-- bientap:article=[0-9a-f-]+ --><\/p>$/,
    );
    expect(ref.url).toBe(post.link);

    // A reader sees it, title and text intact, byline last, the marker invisible.
    const page = await publicPage(ref.url);
    expect(page.status).toBe(200);
    expect(page.text).toContain(payload.title);
    expect(page.text).toContain('Huỳnh Thị Ly');
    expect(page.text).toContain('phong trào toàn dân bảo vệ an ninh Tổ quốc');
  });

  it('finds what an earlier attempt created instead of creating a second post', async () => {
    const adapter = adapterFor();
    const payload = samplePayload();
    const first = await adapter.publish(payload, null, {});
    // The answer was lost: the worker knows nothing and tries again.
    const second = await adapter.publish(payload, null, {});
    expect(second.remoteId).toBe(first.remoteId);
    await expectPublished(adapter, payload, second);
  });

  it('updates the same post, and the stamp moves on', async () => {
    const adapter = adapterFor();
    const payload = samplePayload();
    const first = await adapter.publish(payload, null, {});
    await nextSecond();
    const changed = {
      ...payload,
      title: `${payload.title} (cập nhật: hoà giải)`,
      html: `${payload.html}<p>Đoạn bổ sung về công tác hoà giải ở cơ sở.</p>`,
      summary: 'Tóm tắt mới.',
    };
    const second = await adapter.publish(changed, first, {});
    expect(second.remoteId).toBe(first.remoteId);
    expect(second.remoteModified).not.toBe(first.remoteModified);
    const post = await expectPublished(adapter, changed, second);
    expect(post.excerpt.raw).toBe('Tóm tắt mới.');
  });

  it('withdraws to the trash: gone from the public site, a no-op the second time, restored by the next publish', async () => {
    const adapter = adapterFor();
    const payload = samplePayload();
    const ref = await adapter.publish(payload, null, {});
    expect((await publicPage(ref.url)).status).toBe(200);

    await adapter.withdraw(payload.articleId, ref, {});
    const trashed = await onlyPost(payload.articleId);
    expect(trashed.status).toBe('trash');
    expect((await publicPage(ref.url)).status).toBe(404);
    const anonymous = await fetch(rest.url(`/wp/v2/posts/${ref.remoteId}`));
    expect(anonymous.status).toBeGreaterThanOrEqual(400);
    expect(await adapter.fetchRemote(payload.articleId, ref, {})).toBeNull();

    await adapter.withdraw(payload.articleId, ref, {});
    await adapter.withdraw(payload.articleId, null, {});
    expect((await onlyPost(payload.articleId)).status).toBe('trash');

    const again = await adapter.publish(payload, ref, {});
    expect(again.remoteId).toBe(ref.remoteId);
    const restored = await expectPublished(adapter, payload, again);
    expect(restored.slug).toBe(payload.slug);
    expect((await publicPage(again.url)).status).toBe(200);
  });

  it('withdrawing an article the site never had is a no-op; fetchRemote gives null', async () => {
    const adapter = adapterFor();
    const payload = samplePayload();
    await adapter.withdraw(payload.articleId, null, {});
    await adapter.withdraw(payload.articleId, { remoteId: '999999', url: 'x', remoteModified: 'x' }, {});
    expect(await adapter.fetchRemote(payload.articleId, null, {})).toBeNull();
  });

  it('publishes again after the post was deleted on the site for good', async () => {
    const adapter = adapterFor();
    const payload = samplePayload();
    const ref = await adapter.publish(payload, null, {});
    await rest.ok('DELETE', `/wp/v2/posts/${ref.remoteId}`, { query: { force: 'true' } });
    const again = await adapter.publish(payload, ref, {});
    expect(again.remoteId).not.toBe(ref.remoteId);
    await expectPublished(adapter, payload, again);
  });

  it('reuses categories and tags by slug, and a same-named term with another slug (term_exists)', async () => {
    const adapter = adapterFor();
    const u = unique();
    // A site editor made this tag by hand, with a slug of their own.
    const handMade = await rest.ok<{ id: number }>('POST', '/wp/v2/tags', {
      json: { name: `Phong trào toàn dân ${u}`, slug: `phong-trao-tu-tay-${u}` },
    });
    const names = [`Huế ${u}`, `Phong trào toàn dân ${u}`, `An ninh trật tự ${u}`];
    const tags = [...names, `huế ${u}`];
    const category = `Văn hóa & Xã hội ${u}`;
    const one = samplePayload({ category, tags });
    const two = samplePayload({ category, tags });
    const refOne = await adapter.publish(one, null, {});
    const refTwo = await adapter.publish(two, null, {});

    const [postOne, postTwo] = [await rest.post(refOne.remoteId), await rest.post(refTwo.remoteId)];
    expect(postTwo.categories).toEqual(postOne.categories);
    expect([...postTwo.tags].sort()).toEqual([...postOne.tags].sort());
    expect(postOne.tags).toHaveLength(3);
    expect(postOne.tags).toContain(handMade.id);

    const categories = await rest.terms('categories', u);
    expect(categories.map((term) => [term.slug, term.name])).toEqual([
      [`van-hoa-xa-hoi-${u}`, `Văn hóa &amp; Xã hội ${u}`],
    ]);
    expect(postOne.categories).toEqual([categories[0]!.id]);
    const found = await rest.terms('tags', u);
    expect(found.map((term) => term.name).sort()).toEqual([...names].sort());
  });

  it('uploads an image once across two articles, points the body at it and sets the featured image', async () => {
    const adapter = adapterFor();
    const shared = await testImage({ alt: 'Quang cảnh hội nghị “Đảng bộ”' });
    const cover = await testImage({ alt: 'Ảnh đại diện', mime: 'image/png' });
    const one = samplePayload({
      html: `<p>Một</p>${imageTag(shared)}<p>Hai</p>`,
      images: [shared, cover],
      featuredImageHash: cover.hash,
    });
    const two = samplePayload({
      html: `${imageTag(shared)}<p>Ba</p>`,
      images: [shared],
      featuredImageHash: shared.hash,
    });
    const refOne = await adapter.publish(one, null, {});
    const refTwo = await adapter.publish(two, null, {});

    const media = await rest.media(shared.hash);
    expect(media).toHaveLength(1);
    const coverMedia = await rest.media(cover.hash);
    expect(coverMedia).toHaveLength(1);

    const postOne = await expectPublished(adapter, one, refOne);
    const postTwo = await expectPublished(adapter, two, refTwo);
    expect(postOne.featured_media).toBe(coverMedia[0]!.id);
    expect(postTwo.featured_media).toBe(media[0]!.id);
    expect(postOne.content.raw).toContain(`src="${media[0]!.source_url}"`);
    expect(postOne.content.raw).not.toContain('bientap-image:');

    // The site serves the very bytes we sent.
    const served = await fetch(media[0]!.source_url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await served.arrayBuffer()).equals(shared.bytes)).toBe(true);
    const page = await publicPage(refOne.url);
    expect(page.text).toContain(media[0]!.source_url);

    // Publishing again uploads nothing new.
    await adapter.publish(one, refOne, {});
    expect(await rest.media(shared.hash)).toHaveLength(1);
    expect(await rest.media(cover.hash)).toHaveLength(1);
  });
});

describe('faults between the adapter and WordPress', () => {
  /** The fault hits the post write; the retry (as the worker would) must leave one post saying what we sent. */
  async function survives(
    setUp: () => void | Promise<void>,
    expected: Partial<{ retryAfterMs: number }> = {},
    options: { timeoutMs?: number; known?: boolean; beforeRetry?: () => Promise<void>; committed?: boolean } = {},
  ) {
    const adapter = adapterFor(site, options.timeoutMs ?? 15_000);
    let payload = samplePayload({ html: `<p>Đảng bộ phường, đường phố, hoà giải: ${Math.random()}</p>` });
    let known: RemoteRef | null = null;
    if (options.known) {
      known = await adapter.publish(payload, null, {});
      await nextSecond();
      payload = { ...payload, title: `${payload.title} — bản sửa`, html: `${payload.html}<p>Thêm một đoạn.</p>` };
    }
    await setUp();
    const error = await failure(adapter.publish(payload, known, {}));
    expect(error.kind).toBe('transient');
    expect(error.details).toMatchObject(expected);
    expect(error.message).not.toContain(site.appPassword);
    if (!options.known) {
      // The failed attempt did (or did not) leave a post behind, as the fault intended.
      expect(await rest.postsOf(payload.articleId)).toHaveLength(options.committed ? 1 : 0);
    }
    await options.beforeRetry?.();
    const ref = await adapter.publish(payload, known, {});
    return { adapter, payload, ref, post: await expectPublished(adapter, payload, ref) };
  }

  it('connection dropped after WordPress created the post', async () => {
    await survives(
      () => proxy.inject({ kind: 'drop-after-commit' }, { match: writes('/wp/v2/posts') }),
      {},
      { committed: true },
    );
    expect(proxy.log.some((entry) => entry.fault === 'drop-after-commit')).toBe(true);
  });

  it('connection dropped after WordPress updated the post: the retry is no conflict', async () => {
    await survives(
      () => proxy.inject({ kind: 'drop-after-commit' }, { match: writes(/^\/wp\/v2\/posts\/\d+$/) }),
      {},
      { known: true },
    );
  });

  it('connection dropped after WordPress stored an upload: the image is not uploaded twice', async () => {
    const image = await testImage();
    const adapter = adapterFor();
    const payload = samplePayload({ html: imageTag(image), images: [image], featuredImageHash: image.hash });
    proxy.inject({ kind: 'drop-after-commit' }, { match: writes('/wp/v2/media') });
    expect((await failure(adapter.publish(payload, null, {}))).kind).toBe('transient');
    const ref = await adapter.publish(payload, null, {});
    await expectPublished(adapter, payload, ref);
    expect(await rest.media(image.hash)).toHaveLength(1);
  });

  it('503 with Retry-After in seconds, after WordPress committed', async () => {
    await survives(
      () =>
        proxy.inject({ kind: 'status', status: 503, retryAfter: '7', commit: true }, { match: writes('/wp/v2/posts') }),
      { retryAfterMs: 7_000 },
      { committed: true },
    );
  });

  it('503 with Retry-After as an HTTP date, before anything was written', async () => {
    const when = new Date(Date.now() + 120_000).toUTCString();
    const { ref } = await survives(() => proxy.inject({ kind: 'status', status: 503, retryAfter: when }));
    expect(ref.remoteId).toMatch(/^\d+$/);
  });

  it('429 Too Many Requests with Retry-After', async () => {
    await survives(
      () => proxy.inject({ kind: 'status', status: 429, retryAfter: '2' }, { match: requests('GET', '/wp/v2/posts') }),
      { retryAfterMs: 2_000 },
    );
  });

  it('an answer slower than the timeout, after WordPress committed', async () => {
    const started = Date.now();
    await survives(
      () => proxy.inject({ kind: 'delay', ms: 4_000 }, { match: writes('/wp/v2/posts') }),
      {},
      { timeoutMs: 2_000, committed: true },
    );
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  /** The worker's backoff: try again once the site is back. */
  const untilUp = () => new Promise<void>((resolve) => setTimeout(resolve, 1_500));

  it('the site down (connections refused), then up again', async () => {
    await survives(() => proxy.down({ ms: 1_000 }), {}, { beforeRetry: untilUp });
    expect(proxy.log.some((entry) => entry.fault === 'down')).toBe(true);
  });

  it('the site resetting every connection, then up again', async () => {
    await survives(() => proxy.down({ mode: 'reset', ms: 1_000 }), {}, { beforeRetry: untilUp });
  });

  it('a 500 from WordPress is transient; a fault on a term lookup too', async () => {
    await survives(() =>
      proxy.inject({ kind: 'status', status: 500 }, { match: requests('GET', /^\/wp\/v2\/(tags|categories)$/) }),
    );
  });
});

describe('conflicts with edits made on the site', () => {
  it('an edit by another user makes the next update a conflict; the site keeps the edit until overwrite', async () => {
    const adapter = adapterFor();
    const editor = new WpRest(await new WpRest(site).addUser('editor'));
    const payload = samplePayload();
    const ref = await adapter.publish(payload, null, {});
    await nextSecond();

    const editedTitle = `${payload.title} (biên tập viên trang sửa)`;
    const edited = await editor.ok<WpPostJson>('POST', `/wp/v2/posts/${ref.remoteId}`, {
      json: { title: editedTitle, content: '<p>Nội dung do người khác sửa trên trang: hoà, đường.</p>' },
    });
    expect(ref.remoteModified.startsWith(`${edited.modified_gmt}#`)).toBe(false);

    const update = { ...payload, html: `${payload.html}<p>Bản mới của toà soạn.</p>` };
    const error = await failure(adapter.publish(update, ref, {}));
    expect(error.kind).toBe('conflict');
    expect(error.details.remote).toMatchObject({
      remoteId: ref.remoteId,
      title: editedTitle,
      html: '<p>Nội dung do người khác sửa trên trang: hoà, đường.</p>',
      remoteModified: wordPressStamp(edited),
    });
    const untouched = await rest.post(ref.remoteId);
    expect(untouched.title.raw).toBe(editedTitle);
    expect(untouched.modified_gmt).toBe(edited.modified_gmt);

    // Still a conflict on a second try, then the user chooses to overwrite.
    expect((await failure(adapter.publish(update, ref, {}))).kind).toBe('conflict');
    const overwritten = await adapter.publish(update, ref, { overwrite: true });
    await expectPublished(adapter, update, overwritten);

    // From the new stamp on, updates go through again.
    await nextSecond();
    const later = { ...update, summary: 'Tóm tắt sau khi ghi đè.' };
    const after = await adapter.publish(later, overwritten, {});
    expect(after.remoteId).toBe(ref.remoteId);
  });

  it('an edit on the site in the same second as our update is a conflict too', async () => {
    const adapter = adapterFor(site, 15_000, 'direct');
    const editor = new WpRest(await new WpRest(site).addUser('editor'));
    const payload = samplePayload();
    let ref = await adapter.publish(payload, null, {});
    // WordPress stamps modifications to the second (a new post, with the article's date): update
    // and edit right after a second begins.
    for (let attempt = 1; ; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() % 1_000) + 20));
      const ours = { ...payload, summary: `Tóm tắt, lần cập nhật ${attempt}.` };
      ref = await adapter.publish(ours, ref, {});
      const edited = await editor.ok<WpPostJson>('POST', `/wp/v2/posts/${ref.remoteId}`, {
        json: { content: `<p>Sửa trên trang ngay sau lần cập nhật ${attempt}.</p>` },
      });
      if (!ref.remoteModified.startsWith(`${edited.modified_gmt}#`)) {
        // Not the same second after all (a slow machine): overwrite that edit and try again.
        expect(attempt).toBeLessThan(5);
        ref = await adapter.publish(ours, ref, { overwrite: true });
        continue;
      }
      const error = await failure(adapter.publish({ ...ours, summary: 'Tóm tắt mới của toà soạn.' }, ref, {}));
      expect(error.kind).toBe('conflict');
      expect(error.details.remote).toMatchObject({ html: `<p>Sửa trên trang ngay sau lần cập nhật ${attempt}.</p>` });
      expect((await rest.post(ref.remoteId)).excerpt.raw).toBe(ours.summary);
      return;
    }
  });

  it('a stamp stored before fingerprints (the time alone) still compares', async () => {
    const adapter = adapterFor();
    const timeAlone = (ref: RemoteRef): RemoteRef => ({ ...ref, remoteModified: ref.remoteModified.split('#')[0]! });
    const payload = samplePayload();
    const ref = await adapter.publish(payload, null, {});
    const update = { ...payload, summary: 'Tóm tắt cập nhật.' };
    const updated = await adapter.publish(update, timeAlone(ref), {});
    await expectPublished(adapter, update, updated);

    await nextSecond();
    await rest.ok('POST', `/wp/v2/posts/${ref.remoteId}`, { json: { title: 'Tiêu đề sửa trên trang' } });
    const later = { ...update, summary: 'Tóm tắt lần nữa.' };
    expect((await failure(adapter.publish(later, timeAlone(updated), {}))).kind).toBe('conflict');
  });

  it('fetchRemote shows the site’s copy in the article’s terms', async () => {
    const adapter = adapterFor();
    const image = await testImage();
    const payload = samplePayload({ html: `<p>Đảng bộ</p>${imageTag(image)}`, images: [image] });
    const ref = await adapter.publish(payload, null, {});
    const remote = await adapter.fetchRemote(payload.articleId, null, {});
    expect(remote).toEqual({
      remoteId: ref.remoteId,
      url: ref.url,
      remoteModified: ref.remoteModified,
      title: payload.title,
      html: payload.html,
    });
  });
});

describe('configuration errors are permanent and say what to do', () => {
  it('a wrong application password', async () => {
    const wrong = 'abcd efgh ijkl mnop qrst uvwx';
    const error = await failure(adapterFor({ ...site, appPassword: wrong }).publish(samplePayload(), null, {}));
    expect(error.kind).toBe('permanent');
    expect(error.details.status).toBe(401);
    expect(error.message).toContain('mật khẩu ứng dụng');
    expect(error.message).not.toContain(wrong);
    expect(error.message).not.toContain(wrong.replace(/ /g, ''));
  });

  it('a user who may not publish', async () => {
    const subscriber = await new WpRest(site).addUser('subscriber');
    const error = await failure(adapterFor(subscriber).publish(samplePayload(), null, {}));
    expect(error.kind).toBe('permanent');
    expect(error.details.status).toBe(403);
    expect(error.message).toContain('không đủ quyền');
    expect(error.message).not.toContain(subscriber.appPassword);
  });

  it('an address that is not a WordPress site', async () => {
    const adapter = createWordPressAdapter({
      siteUrl: `${site.url}/wp-content/uploads/`,
      user: site.user,
      appPassword: site.appPassword,
    });
    const error = await failure(adapter.publish(samplePayload(), null, {}));
    expect(error.kind).toBe('permanent');
  });

  it('a body image missing from the payload', async () => {
    const image = await testImage();
    const error = await failure(adapterFor().publish(samplePayload({ html: imageTag(image), images: [] }), null, {}));
    expect(error.kind).toBe('permanent');
  });
});
