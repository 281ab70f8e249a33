import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EditorNode, EditorState } from '../../shared/domain';
import { emptyEditorState, paragraphNode, textNode } from '../articles/editorState';
import { sanitizeHtml } from '../render/sanitize';
import { tempDir } from '../testkit';
import type { PublishImage, PublishPayload } from './adapter';
import { imageHashesIn, inSerializedGrammar, referenceImages, resolveImages } from './images';
import { articleHtml } from './payload';
import { createStaticAdapter } from './static/adapter';
import { makeImage, payloadHash, validationErrors } from './static/testSite';
import { articleHtml as postArticleHtml, buildContent } from './wordpress/content';

const FORGED = 'f0'.repeat(32);
const FORGED_TEXT = `Chú thích: src="bientap-image/${FORGED}" và src="bientap-image:${FORGED}" alt="x"`;

const link = (url: string, label: string): EditorNode =>
  ({
    type: 'link',
    version: 1,
    format: '',
    indent: 0,
    direction: null,
    url,
    rel: null,
    target: null,
    title: null,
    children: [textNode(label)],
  }) as EditorNode;

/** A body whose text and links look like image references, and one real image node. */
function bodyWith(image: PublishImage): EditorState {
  const state = emptyEditorState();
  state.root.children = [
    paragraphNode([textNode(FORGED_TEXT)]),
    paragraphNode([
      textNode('Xem '),
      link(`bientap-image:${FORGED}`, 'liên kết giả một'),
      textNode(' và '),
      link(`bientap-image/${FORGED}`, 'liên kết giả hai'),
      textNode(' hoặc '),
      link('https://hue.gov.vn/', 'trang thật'),
    ]),
    {
      type: 'image',
      version: 1,
      hash: image.hash,
      width: image.width,
      height: image.height,
      altText: `src="bientap-image:${FORGED}"`,
      caption: `Ảnh thật, chú thích src="bientap-image:${FORGED}"`,
      credit: '',
    } as EditorNode,
  ];
  return state;
}

const fragment = (html: string) => JSDOM.fragment(html);

describe('image references', () => {
  let image: PublishImage;
  let html: string;

  beforeEach(async () => {
    image = await makeImage([20, 120, 200], 'Ảnh thật');
    html = articleHtml({ body: bodyWith(image) });
  });

  it('are made only by image nodes: text stays text and look-alike links lose their address', () => {
    const body = fragment(html);
    expect(Array.from(body.querySelectorAll('img'), (img) => img.getAttribute('src'))).toEqual([
      `bientap-image:${image.hash}`,
    ]);
    expect(body.querySelector('p')?.textContent).toBe(FORGED_TEXT);
    const links = Array.from(body.querySelectorAll('a'), (a) => [a.textContent, a.getAttribute('href')]);
    expect(links.map(([label]) => label)).toEqual(['liên kết giả một', 'liên kết giả hai', 'trang thật']);
    // The reference scheme is gone from every link (Lexical may have made the relative one a web address).
    expect(links[0]?.[1]).toBeNull();
    expect(links[1]?.[1] ?? '').not.toMatch(/^\s*bientap-image/i);
    expect(links[2]?.[1]).toBe('https://hue.gov.vn/');
    expect(imageHashesIn(html)).toEqual([image.hash]);
  });

  it('are swapped in the image only, leaving look-alike text byte for byte', () => {
    const resolved = resolveImages(html, (hash) => `images/${hash}.jpg`);
    expect(resolved.replace(`src="images/${image.hash}.jpg"`, `src="bientap-image:${image.hash}"`)).toBe(html);
    expect(fragment(resolved).querySelector('p')?.textContent).toBe(FORGED_TEXT);
    expect(resolveImages(html, () => null)).toBe(html);
    expect(referenceImages(resolved, (src) => /^images\/([0-9a-f]{64})\.jpg$/.exec(src)?.[1] ?? null)).toBe(html);
  });

  it('survive the sanitizer on an <img> only, and never as another URL', () => {
    const reference = `bientap-image:${image.hash}`;
    const dirty = [
      `<p><img src="${reference}" alt="a"></p>`,
      `<p><a href="${reference}">a</a><a href=" BIENTAP-IMAGE:${image.hash}">b</a><a href="bientap-image/${image.hash}">c</a></p>`,
      `<p><img src="bientap-image:not-a-hash" alt="d"><img src="bientap-image/${image.hash}" alt="e"></p>`,
    ].join('');
    const clean = fragment(sanitizeHtml(dirty));
    expect(Array.from(clean.querySelectorAll('[src], [href]'), (element) => element.outerHTML)).toEqual([
      `<img src="${reference}" alt="a">`,
    ]);
    expect(sanitizeHtml(sanitizeHtml(dirty))).toBe(sanitizeHtml(dirty));
  });

  it('are read from serialized HTML exactly as a parser reads them (fuzzed against the DOM)', () => {
    const { document } = new JSDOM('').window;
    let state = 7;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const hashes = ['a1'.repeat(32), 'b2'.repeat(32), 'c3c3c3c3'];
    const texts = [
      ...hashes.flatMap((hash) => [`src="bientap-image:${hash}"`, `<img src="bientap-image:${hash}">`]),
      ...['"', "'", '<', '>', '&', '&amp;', '\u00a0', ' ', 'Huế', '=', '/>', '<!--', '-->', 'src=', '<img'],
    ];
    const values = [...hashes.map((hash) => `bientap-image:${hash}`), 'bientap-image:XYZ', ...texts];
    const text = () => Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(texts)).join('');
    const fill = (parent: Element, depth: number) => {
      for (let n = Math.floor(next() * 4); n >= 0; n--) {
        const kind = pick(['text', 'img', 'img', 'p', 'a', 'figure', 'strong']);
        if (kind === 'text') {
          parent.append(text());
          continue;
        }
        const element = document.createElement(kind);
        for (const name of ['src', 'alt', 'title', 'href', 'src'])
          if (next() < 0.5) element.setAttribute(name, pick(values) + (next() < 0.3 ? text() : ''));
        if (kind !== 'img' && depth < 3) fill(element, depth + 1);
        parent.append(element);
      }
    };
    const url = (hash: string) => `images/${hash}.jpg?a=1&b="2"\u00a0<>`;
    for (let round = 0; round < 300; round++) {
      const root = document.createElement('div');
      fill(root, 0);
      // As the sanitizer hands it over: what a parser made of it, serialized again.
      const settled = document.createElement('div');
      settled.innerHTML = root.innerHTML;
      const html = settled.innerHTML;
      expect(inSerializedGrammar(html), html).toBe(true);
      // What a DOM makes of the same HTML, the reference every answer must match.
      const parsed = JSDOM.fragment(html);
      const named = Array.from(parsed.querySelectorAll('img'), (img) => img.getAttribute('src') ?? '')
        .map((src) => /^bientap-image:([0-9a-f]{8,128})$/.exec(src)?.[1])
        .filter((hash) => hash !== undefined);
      expect(imageHashesIn(html), html).toEqual([...new Set(named)]);
      const expected = document.createElement('div');
      expected.innerHTML = html;
      for (const img of expected.querySelectorAll('img')) {
        const hash = /^bientap-image:([0-9a-f]{8,128})$/.exec(img.getAttribute('src') ?? '')?.[1];
        if (hash) img.setAttribute('src', url(hash));
      }
      expect(resolveImages(html, url), html).toBe(expected.innerHTML);
    }
  });

  it('fall back to a DOM for HTML outside the serializer’s form, with the same answer', () => {
    const hash = 'd4'.repeat(32);
    const html = `<!-- src="bientap-image:${hash}" --><p>a < b</p><img alt='x' src=bientap-image:${hash}><style>img[src="bientap-image:${hash}"]{}</style>`;
    expect(inSerializedGrammar(html)).toBe(false);
    expect(imageHashesIn(html)).toEqual([hash]);
    const resolved = fragment(resolveImages(html, (found) => `images/${found}.jpg`));
    expect(Array.from(resolved.querySelectorAll('img'), (img) => img.getAttribute('src'))).toEqual([
      `images/${hash}.jpg`,
    ]);
    expect(resolved.querySelector('style')?.textContent).toContain(`bientap-image:${hash}`);
  });

  describe('published', () => {
    let root: string;
    beforeEach(() => {
      root = tempDir('bientap-refs-');
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('to the static site show the text as written, no look-alike link, and the real image', async () => {
      const base = {
        articleId: '7d3f6f0c-2b1e-4a55-9a1e-6f4f2c1d0b9a',
        title: `Bài có src="bientap-image:${FORGED}" trong tiêu đề`,
        summary: `Sapo src="bientap-image/${FORGED}"`,
        html,
        slug: 'bai-co-chu-giong-anh',
        byline: 'Phóng viên',
        category: '',
        tags: [],
        featuredImageHash: null,
        images: [image],
        publishedAt: new Date('2026-05-01T02:00:00Z'),
      } satisfies Omit<PublishPayload, 'contentHash'>;
      const payload: PublishPayload = { ...base, contentHash: payloadHash(base) };
      const site = createStaticAdapter({ folder: root, siteTitle: 'Trang thử', now: () => new Date() });
      const ref = await site.publish(payload, null, {});

      const page = readFileSync(path.join(root, ref.url), 'utf8');
      expect(await validationErrors(page, ref.url)).toEqual([]);
      const document = new JSDOM(page).window.document;
      expect(document.querySelector('.noi-dung p')?.textContent).toBe(FORGED_TEXT);
      expect(document.querySelector('.tieu-de')?.textContent).toBe(base.title);
      expect(document.querySelector('.sapo')?.textContent).toBe(base.summary);
      expect(Array.from(document.querySelectorAll('img'), (img) => img.getAttribute('src'))).toEqual([
        `../images/${image.hash}.jpg`,
      ]);
      expect(document.querySelector('.noi-dung figcaption')?.textContent).toBe(
        `Ảnh thật, chú thích src="bientap-image:${FORGED}"`,
      );
      const hrefs = (links: Iterable<Element>) => Array.from(links, (a) => a.getAttribute('href'));
      expect(hrefs(document.querySelectorAll('.noi-dung a'))).toEqual(hrefs(fragment(html).querySelectorAll('a')));
      expect(document.querySelector('.noi-dung a')?.hasAttribute('href')).toBe(false);
      // The feed carries the same body, the image pointing at the site's copy.
      const feed = new JSDOM(readFileSync(path.join(root, 'feed.xml'), 'utf8'), { contentType: 'application/xml' });
      const content = fragment(feed.window.document.querySelector('content')?.textContent ?? '');
      expect(content.querySelector('p')?.textContent).toBe(FORGED_TEXT);
      expect(content.querySelector('img')?.getAttribute('src')).toBe(`images/${image.hash}.jpg`);
    });

    it('to WordPress point the real image at its media and leave the text alone', () => {
      const media = `https://hue.example/wp-content/uploads/2026/05/bientap-${image.hash}.jpg`;
      const content = buildContent(
        html,
        'Phóng viên',
        '7d3f6f0c-2b1e-4a55-9a1e-6f4f2c1d0b9a',
        new Map([[image.hash, media]]),
      );
      const post = fragment(content);
      expect(Array.from(post.querySelectorAll('img'), (img) => img.getAttribute('src'))).toEqual([media]);
      expect(post.querySelector('p')?.textContent).toBe(FORGED_TEXT);
      expect(imageHashesIn(content)).toEqual([]);
      // Read back, the post is the article's HTML again, look-alike text and all.
      expect(postArticleHtml(content)).toBe(html);
      // A post whose text names one of our media URLs keeps that text as written.
      const written = `<p>Ảnh ở src="${media}"</p>`;
      expect(postArticleHtml(`${written}${content}`)).toBe(`${written}${html}`);
    });
  });
});
