import { createHash } from 'node:crypto';
import {
  PublishError,
  type PublishAdapter,
  type PublishImage,
  type PublishOptions,
  type PublishPayload,
  type RemoteRef,
  type RemoteSnapshot,
} from '../adapter';
import {
  articleHtml,
  articleIdIn,
  buildContent,
  bylineIn,
  decodeEntities,
  imageHashesIn,
  markerToken,
  mediaFileName,
  mediaName,
  termSlug,
  wpGmt,
} from './content';
import { WordPressClient, type WordPressSite, type WpErrorBody } from './http';

/**
 * Publishing to a stock WordPress (5.6 or newer, no plugin) through its REST API with an Application
 * Password.
 *
 * - One article, one post: the post content carries `<!-- bientap:article=<uuid> -->` (see
 *   content.ts). Before creating, the adapter looks for that marker in posts of every status,
 *   trash included, so a create that committed before the connection dropped is found and updated.
 * - Categories and tags are looked up by slug, created when missing; `term_exists` gives the id of
 *   the term that already has the name.
 * - Images are uploaded once per content hash, as `bientap-<hash>.<ext>` with that title; later
 *   articles find the same media by searching for the hash.
 * - Updates compare the post's stamp with `known.remoteModified` first and throw `conflict` when
 *   someone changed the post on the site; `overwrite` writes anyway. The stamp is WordPress's
 *   `modified_gmt` and a fingerprint of the title, content and excerpt: `modified_gmt` counts in
 *   seconds, so an edit on the site in the same second as our write changes only the
 *   fingerprint. A post that already holds exactly what we are about to write is not a conflict:
 *   that is our own write of an earlier attempt whose answer was lost. A post in the trash
 *   (withdrawn) is restored without the check: publishing again is the user's explicit choice,
 *   and nobody reads a trashed post.
 * - Withdraw moves the post to WordPress's trash: gone from the public site (its address answers
 *   404, it leaves lists and feeds) but restorable by the site's administrator for 30 days, and
 *   found and restored by the next publish of the same article.
 * - `fetchRemote` (and a conflict's snapshot) reads the raw content (context=edit), not the rendered
 *   one (wpautop and wptexturize rewrite paragraphs and quotes), minus the byline and marker, with
 *   our media URLs turned back into `bientap-image:<hash>`: an untouched post gives back exactly the
 *   payload's `html`. A post in the trash counts as none.
 * - The post's `date_gmt` is `publishedAt`; WordPress shows it in the site's time zone. A future
 *   date makes WordPress schedule the post (status `future`).
 * - Errors: network failures, timeouts, 408/425/429/5xx are `transient` (with `retryAfterMs` from
 *   Retry-After); a cancelled `options.signal` is `transient` too. Everything else is `permanent`,
 *   with a Vietnamese message saying what to check; no message carries the password.
 */

export type WordPressAdapterConfig = WordPressSite;

/** What `context=edit` gives for a post; only the fields the adapter reads. */
interface WpPost {
  id: number;
  status: string;
  link: string;
  modified_gmt: string;
  title: { raw?: string; rendered?: string };
  content: { raw?: string; rendered?: string };
  excerpt?: { raw?: string; rendered?: string };
}

interface WpTerm {
  id: number;
  slug: string;
  name: string;
}

interface WpMedia {
  id: number;
  source_url: string;
  title?: { raw?: string; rendered?: string };
  media_details?: { file?: string };
}

/** Every status a post of ours can be in, for the marker search. `any` leaves out the trash. */
const ALL_STATUSES = 'publish,future,draft,pending,private,trash';

function postRoute(id: string | number): string {
  return `/wp/v2/posts/${encodeURIComponent(String(id))}`;
}

function rawTitle(post: Pick<WpPost, 'title'>): string {
  return post.title.raw ?? decodeEntities(post.title.rendered ?? '');
}

function rawContent(post: Pick<WpPost, 'content'>): string {
  return post.content.raw ?? post.content.rendered ?? '';
}

/** The `remoteModified` handed back for a post: `<modified_gmt>#<fingerprint of what it says>`. */
export function wordPressStamp(post: Pick<WpPost, 'modified_gmt' | 'title' | 'content' | 'excerpt'>): string {
  const said = JSON.stringify([rawTitle(post), rawContent(post), post.excerpt?.raw ?? '']);
  return `${post.modified_gmt}#${createHash('sha256').update(said).digest('hex').slice(0, 16)}`;
}

/** Whether the post changed since `stamp`. Stamps stored before fingerprints hold the time alone. */
function changedSince(post: WpPost, stamp: string): boolean {
  return stamp.includes('#') ? wordPressStamp(post) !== stamp : post.modified_gmt !== stamp;
}

function snapshotOf(post: WpPost): RemoteSnapshot {
  return {
    remoteId: String(post.id),
    url: post.link,
    remoteModified: wordPressStamp(post),
    title: rawTitle(post),
    html: articleHtml(rawContent(post)),
  };
}

function refOf(post: WpPost): RemoteRef {
  return { remoteId: String(post.id), url: post.link, remoteModified: wordPressStamp(post) };
}

/** The post already says exactly what this payload says: an earlier attempt of ours wrote it. */
function holdsPayload(post: WpPost, payload: PublishPayload): boolean {
  const content = rawContent(post);
  return (
    rawTitle(post) === payload.title &&
    articleHtml(content) === payload.html &&
    bylineIn(content) === payload.byline.trim() &&
    (post.excerpt?.raw ?? payload.summary) === payload.summary
  );
}

/** The post meta field the seal is also kept in (registered by resources/wordpress/bientap-seal.php). */
export const SEAL_META_KEY = 'bientap_seal';

export function createWordPressAdapter(config: WordPressAdapterConfig): PublishAdapter {
  const client = new WordPressClient(config);

  async function getPost(id: string, signal?: AbortSignal): Promise<WpPost | null> {
    if (!/^\d+$/.test(id)) return null;
    const response = await client.request<WpPost | WpErrorBody>(
      'GET',
      postRoute(id),
      { query: { context: 'edit' }, signal },
      [404, 410],
    );
    return response.status === 200 ? (response.data as WpPost) : null;
  }

  async function findByMarker(articleId: string, signal?: AbortSignal): Promise<WpPost | null> {
    const response = await client.request<WpPost[]>('GET', '/wp/v2/posts', {
      query: {
        search: markerToken(articleId),
        status: ALL_STATUSES,
        context: 'edit',
        per_page: 100,
        orderby: 'id',
        order: 'asc',
      },
      signal,
    });
    const posts = Array.isArray(response.data) ? response.data : [];
    return posts.find((post) => articleIdIn(rawContent(post)) === articleId) ?? null;
  }

  /** The article's post: the one we last wrote if it still exists, else the one carrying its marker. */
  async function locate(articleId: string, known: RemoteRef | null, signal?: AbortSignal): Promise<WpPost | null> {
    if (known?.remoteId) {
      const post = await getPost(known.remoteId, signal);
      if (post) return post;
    }
    return findByMarker(articleId, signal);
  }

  async function ensureTerm(taxonomy: 'categories' | 'tags', name: string, signal?: AbortSignal): Promise<number> {
    const slug = termSlug(name);
    if (slug) {
      const found = await client.request<WpTerm[]>('GET', `/wp/v2/${taxonomy}`, {
        query: { slug, per_page: 1, _fields: 'id,slug,name' },
        signal,
      });
      const term = Array.isArray(found.data) ? found.data[0] : undefined;
      if (term) return term.id;
    }
    // Name only: with a slug of its own WordPress would make a second term of a name it already has.
    const created = await client.request<WpTerm | WpErrorBody>(
      'POST',
      `/wp/v2/${taxonomy}`,
      { json: { name }, signal },
      [400],
    );
    if (created.status !== 400) return (created.data as WpTerm).id;
    const error = created.data as WpErrorBody;
    // Another term already has this name (and another slug): use it.
    if (error.code === 'term_exists' && typeof error.data?.term_id === 'number') return error.data.term_id;
    throw new PublishError(
      'permanent',
      `WordPress không tạo được ${taxonomy === 'categories' ? 'chuyên mục' : 'thẻ'} “${name}” (400${
        error.code ? ` [${error.code}]` : ''
      }). Hãy kiểm tra tên trong bài hoặc tạo sẵn trên trang WordPress.`,
      { status: 400 },
    );
  }

  async function findMedia(image: PublishImage, signal?: AbortSignal): Promise<WpMedia | null> {
    const response = await client.request<WpMedia[]>('GET', '/wp/v2/media', {
      query: { search: image.hash, context: 'edit', per_page: 100, orderby: 'id', order: 'asc' },
      signal,
    });
    const name = mediaName(image);
    const items = Array.isArray(response.data) ? response.data : [];
    return (
      items.find(
        (item) =>
          item.title?.raw === name ||
          (item.media_details?.file ?? item.source_url).split('/').pop()?.startsWith(`${name}.`) ||
          (item.media_details?.file ?? item.source_url).split('/').pop()?.startsWith(`${name}-`),
      ) ?? null
    );
  }

  async function ensureMedia(image: PublishImage, signal?: AbortSignal): Promise<WpMedia> {
    const existing = await findMedia(image, signal);
    if (existing) return existing;
    const uploaded = await client.request<WpMedia>('POST', '/wp/v2/media', {
      // Fields ride in the query string: the body is the image itself.
      query: { title: mediaName(image), alt_text: image.alt || undefined },
      body: image.bytes,
      headers: {
        'content-type': image.mime,
        'content-disposition': `attachment; filename="${mediaFileName(image)}"`,
      },
      signal,
    });
    return uploaded.data;
  }

  async function publish(
    payload: PublishPayload,
    known: RemoteRef | null,
    options: PublishOptions,
  ): Promise<RemoteRef> {
    const { signal } = options;
    const existing = await locate(payload.articleId, known, signal);
    if (
      existing &&
      known &&
      !options.overwrite &&
      existing.status !== 'trash' &&
      changedSince(existing, known.remoteModified) &&
      !holdsPayload(existing, payload)
    ) {
      throw new PublishError(
        'conflict',
        'Bài trên trang WordPress đã bị sửa sau lần đăng trước. Hãy xem bản trên trang rồi chọn giữ bản đó hoặc ghi đè.',
        { remote: snapshotOf(existing) },
      );
    }

    const images = new Map(payload.images.map((image) => [image.hash, image]));
    const needed = new Set(imageHashesIn(payload.html));
    if (payload.featuredImageHash) needed.add(payload.featuredImageHash);
    const missing = [...needed].filter((hash) => !images.has(hash));
    if (missing.length) {
      throw new PublishError(
        'permanent',
        `Gói đăng bài thiếu ${missing.length} ảnh mà bài dùng (${missing.map((hash) => hash.slice(0, 12)).join(', ')}…). Hãy mở lại bài và lưu lại ảnh.`,
      );
    }
    const urls = new Map<string, string>();
    const mediaIds = new Map<string, number>();
    for (const image of payload.images) {
      const media = await ensureMedia(image, signal);
      urls.set(image.hash, media.source_url);
      mediaIds.set(image.hash, media.id);
    }

    const categories = payload.category.trim() ? [await ensureTerm('categories', payload.category.trim(), signal)] : [];
    const tags: number[] = [];
    const seen = new Set<string>();
    for (const tag of payload.tags.map((name) => name.trim()).filter(Boolean)) {
      const key = termSlug(tag) || tag;
      if (seen.has(key)) continue;
      seen.add(key);
      tags.push(await ensureTerm('tags', tag, signal));
    }

    // The theme shows the featured image outside the post content, if at all: the seal covers the content's.
    const shown = [...new Set(imageHashesIn(payload.html))].map((hash) => ({ hash, bytes: images.get(hash)!.bytes }));
    const seal = payload.sealer ? await payload.sealer(['title', 'body', 'byline'], shown) : null;
    const body = {
      title: payload.title,
      content: buildContent(
        payload.html,
        payload.byline,
        payload.articleId,
        urls,
        seal ? { ...seal, verifyPageUrl: payload.verifyPageUrl ?? null } : null,
      ),
      // Kept where a site with the Biên Tập plugin (resources/wordpress) registers it; ignored elsewhere.
      ...(seal ? { meta: { [SEAL_META_KEY]: seal.comment } } : {}),
      excerpt: payload.summary,
      slug: payload.slug,
      // A date in the future makes WordPress schedule the post (status `future`) and publish it then.
      status: 'publish',
      date_gmt: wpGmt(payload.publishedAt),
      ...(categories.length ? { categories } : {}),
      tags,
      featured_media: payload.featuredImageHash ? (mediaIds.get(payload.featuredImageHash) ?? 0) : 0,
    };
    const written = await client.request<WpPost>('POST', existing ? postRoute(existing.id) : '/wp/v2/posts', {
      json: body,
      signal,
    });
    return refOf(written.data);
  }

  async function withdraw(articleId: string, known: RemoteRef | null, options: PublishOptions): Promise<void> {
    const existing = await locate(articleId, known, options.signal);
    if (!existing || existing.status === 'trash') return;
    // Without force=true WordPress moves the post to the trash (410 when it already is).
    await client.request('DELETE', postRoute(existing.id), { signal: options.signal }, [404, 410]);
  }

  async function fetchRemote(
    articleId: string,
    known: RemoteRef | null,
    options: PublishOptions,
  ): Promise<RemoteSnapshot | null> {
    const existing = await locate(articleId, known, options.signal);
    if (!existing || existing.status === 'trash') return null;
    return snapshotOf(existing);
  }

  return { publish, withdraw, fetchRemote };
}
