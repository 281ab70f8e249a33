import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { parsePortalArticle } from '../../demo/sampleArticle';
import { IMAGE_SCHEME, type PublishImage, type PublishPayload } from '../adapter';

/**
 * Helpers for tests against a real WordPress: a raw REST client that acts as the site's own users
 * do (to count, read and edit posts behind the adapter's back), and payloads made of the office's
 * sample article.
 */

export interface SiteLogin {
  url: string;
  user: string;
  appPassword: string;
}

export interface WpPostJson {
  id: number;
  status: string;
  link: string;
  slug: string;
  date_gmt: string;
  modified_gmt: string;
  featured_media: number;
  categories: number[];
  tags: number[];
  title: { raw: string; rendered: string };
  content: { raw: string; rendered: string };
  excerpt: { raw: string; rendered: string };
}

/** Talks to WordPress directly (no proxy, no adapter), as a person on the site would. */
export class WpRest {
  constructor(readonly login: SiteLogin) {}

  url(route: string, query: Record<string, string | number> = {}): string {
    const url = new URL(this.login.url.replace(/\/?$/, '/'));
    url.searchParams.set('rest_route', route);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
    return url.href;
  }

  async call<T = unknown>(
    method: string,
    route: string,
    { query, json }: { query?: Record<string, string | number>; json?: unknown } = {},
  ): Promise<{ status: number; data: T }> {
    const token = Buffer.from(`${this.login.user}:${this.login.appPassword}`).toString('base64');
    const response = await fetch(this.url(route, query), {
      method,
      headers: {
        authorization: `Basic ${token}`,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const text = await response.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, data: data as T };
  }

  async ok<T = unknown>(
    method: string,
    route: string,
    options?: { query?: Record<string, string | number>; json?: unknown },
  ): Promise<T> {
    const { status, data } = await this.call<T>(method, route, options);
    if (status >= 300) throw new Error(`${method} ${route} → ${status}: ${JSON.stringify(data)}`);
    return data;
  }

  /** Every post (any status, trash included) whose content mentions the article id. */
  async postsOf(articleId: string): Promise<WpPostJson[]> {
    return this.ok<WpPostJson[]>('GET', '/wp/v2/posts', {
      query: {
        search: articleId,
        status: 'publish,future,draft,pending,private,trash',
        context: 'edit',
        per_page: 100,
      },
    });
  }

  async post(id: number | string): Promise<WpPostJson> {
    return this.ok<WpPostJson>('GET', `/wp/v2/posts/${id}`, { query: { context: 'edit' } });
  }

  async media(search: string): Promise<{ id: number; source_url: string; title: { raw: string } }[]> {
    return this.ok('GET', '/wp/v2/media', { query: { search, context: 'edit', per_page: 100 } });
  }

  async terms(taxonomy: 'categories' | 'tags', search: string): Promise<{ id: number; name: string; slug: string }[]> {
    return this.ok('GET', `/wp/v2/${taxonomy}`, { query: { search, per_page: 100, hide_empty: 0 } });
  }

  /**
   * A second person on the site: a new WordPress user with the given role and an application
   * password of their own.
   */
  async addUser(role: 'editor' | 'author' | 'subscriber'): Promise<SiteLogin> {
    const name = `${role}-${randomUUID().slice(0, 8)}`;
    const user = await this.ok<{ id: number }>('POST', '/wp/v2/users', {
      json: { username: name, email: `${name}@example.invalid`, password: randomUUID(), roles: [role] },
    });
    const created = await this.ok<{ password: string }>('POST', `/wp/v2/users/${user.id}/application-passwords`, {
      json: { name: 'test' },
    });
    return { url: this.login.url, user: name, appPassword: created.password };
  }
}

/** The office's sample article (title, paragraphs, byline), as the portal shows it. */
export function sampleArticle() {
  const file = path.join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'sample-article.txt');
  return parsePortalArticle(readFileSync(file, 'utf8'));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A small solid-colour image of a random colour: new bytes, so a new hash, on every call (and on
 * every run against the same site).
 */
export async function testImage({
  alt = 'Ảnh minh hoạ',
  mime = 'image/jpeg',
}: { alt?: string; mime?: PublishImage['mime'] } = {}): Promise<PublishImage> {
  const [r, g, b] = randomBytes(3);
  const base = sharp({ create: { width: 48, height: 32, channels: 3, background: { r: r!, g: g!, b: b! } } });
  const encoded = mime === 'image/png' ? base.png() : mime === 'image/webp' ? base.webp() : base.jpeg();
  const bytes = await encoded.toBuffer();
  return { hash: createHash('sha256').update(bytes).digest('hex'), mime, bytes, width: 48, height: 32, alt };
}

/** A few letters unique to this call: names that no earlier run against the same site has used. */
export function unique(): string {
  return randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 6);
}

export function imageTag(image: PublishImage): string {
  return `<figure><img src="${IMAGE_SCHEME}${image.hash}" alt="${escapeHtml(image.alt)}" width="${image.width}" height="${image.height}"></figure>`;
}

/** A payload of the sample article under a fresh id and slug; `overrides` wins. */
export function samplePayload(overrides: Partial<PublishPayload> = {}): PublishPayload {
  const article = sampleArticle();
  const articleId = overrides.articleId ?? randomUUID();
  const html = article.paragraphs
    .slice(0, 3)
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('');
  return {
    articleId,
    contentHash: createHash('sha256').update(articleId).digest('hex'),
    title: article.title,
    summary: article.paragraphs[0]!.slice(0, 160),
    html,
    slug: `bai-thu-${articleId.slice(0, 8)}`,
    byline: `${article.byline} (${article.unit})`,
    category: 'Tin tức – Sự kiện',
    tags: ['An ninh trật tự', 'Huế'],
    featuredImageHash: null,
    images: [],
    publishedAt: new Date('2021-04-15T03:51:38Z'),
    ...overrides,
  };
}
