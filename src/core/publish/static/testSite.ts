/** Shared by this folder's tests: payloads built from the sample article and real images, and site checks. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { JSDOM } from 'jsdom';
import sharp from 'sharp';
import type { PublishImage, PublishPayload } from '../adapter';
import { sha256 } from './files';
import { CHUNK_SIZE, chunkPath, imageRefPath, MANIFEST_PATH } from './layout';
import type { ArticleSource, Manifest, SiteEntry } from './manifest';
import { sourcePath } from './site';
import { markup } from '../html';

export const SAMPLE_FILE = path.resolve(import.meta.dirname, '../../../../fixtures/sample-article.txt');

/** A real JPEG of one colour: its hash differs for every colour. */
export async function makeImage(rgb: [number, number, number], alt: string): Promise<PublishImage> {
  const bytes = await sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } },
  })
    .jpeg()
    .toBuffer();
  return { hash: sha256(bytes), mime: 'image/jpeg', bytes, width: 64, height: 48, alt };
}

export function figureHtml(image: PublishImage, caption: string): string {
  return String(
    markup`<figure><img src="bientap-image:${image.hash}" alt="${image.alt}" width="${image.width}" height="${image.height}"><figcaption>${caption}</figcaption></figure>`,
  );
}

export function payloadHash(payload: Omit<PublishPayload, 'contentHash'>): string {
  return sha256(
    JSON.stringify([payload.title, payload.summary, payload.html, payload.byline, payload.featuredImageHash]),
  );
}

/** The office portal's article as the workstation would send it. */
export async function samplePayload(): Promise<{ payload: PublishPayload; lines: string[] }> {
  const lines = readFileSync(SAMPLE_FILE, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const title = lines[0] as string;
  const start = lines.indexOf('Đọc bài viết:') + 1;
  const end = lines.indexOf('Các bài khác') - 1;
  const [summary, ...paragraphs] = lines.slice(start, end);
  const byline = lines[end] as string;
  const image = await makeImage([150, 30, 40], 'Lực lượng bảo vệ cơ quan tập huấn');
  const html = [
    ...paragraphs.slice(0, 2).map((text) => String(markup`<p>${text}</p>`)),
    figureHtml(image, 'Mô hình “Camara an ninh” tại một trường học'),
    ...paragraphs.slice(2).map((text) => String(markup`<p>${text}</p>`)),
  ].join('');
  const base = {
    articleId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    title,
    summary: summary as string,
    html,
    slug: '',
    byline,
    category: 'An ninh - Trật tự',
    tags: ['an ninh', 'Tổ quốc'],
    featuredImageHash: image.hash,
    images: [image],
    publishedAt: new Date('2021-04-15T03:51:38Z'),
  };
  return { payload: { ...base, contentHash: payloadHash(base) }, lines };
}

/** A short article; `n` makes its id, title, date and image distinct. */
export async function shortPayload(n: number, extra: Partial<PublishPayload> = {}): Promise<PublishPayload> {
  const image = await makeImage([(n * 37) % 256, (n * 91) % 256, (n * 13) % 256], `Ảnh minh hoạ số ${n}`);
  const base = {
    articleId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    title: `Lễ hội đường phố Huế số ${n}: “Đêm hoàng cung”`,
    summary: `Sapo của bài số ${n} về Đại Nội và sông Hương.`,
    html: `<p>Nội dung bài số ${n}: đờn ca Huế trên sông Hương.</p>${figureHtml(image, `Chú thích ảnh ${n}`)}`,
    slug: '',
    byline: `Phóng viên ${n} (Phòng Văn hóa & Thông tin TP Huế)`,
    category: 'Văn hóa',
    tags: [],
    featuredImageHash: image.hash,
    images: [image],
    publishedAt: new Date(Date.UTC(2026, 3, 1, 2, 0, 0) + n * 3_600_000),
    ...extra,
  };
  return { ...base, contentHash: extra.contentHash ?? payloadHash(base) };
}

/** HTML as the browser (and DOMPurify) serializes it: `&nbsp;` for a no-break space, and so on. */
export function serialized(html: string): string {
  const document = new JSDOM('').window.document;
  document.body.innerHTML = html;
  return document.body.innerHTML;
}

/** Every file under `root`, as `/`-separated paths relative to it. */
export function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

export function htmlFiles(root: string): string[] {
  return listFiles(root).filter((file) => file.endsWith('.html') && !file.startsWith('.'));
}

export function readPage(root: string, file: string): Document {
  return new JSDOM(readFileSync(path.join(root, file), 'utf8')).window.document;
}

/** Every relative link, image, stylesheet and script in the page, resolved to site paths. */
export function localReferences(root: string, file: string): string[] {
  const document = readPage(root, file);
  const urls = [
    ...Array.from(document.querySelectorAll('a[href], link[href]'), (element) => element.getAttribute('href') ?? ''),
    ...Array.from(document.querySelectorAll('img[src], script[src]'), (element) => element.getAttribute('src') ?? ''),
  ];
  return urls
    .filter((url) => !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('#'))
    .map((url) => path.posix.normalize(path.posix.join(path.posix.dirname(file), url.split(/[?#]/)[0] as string)));
}

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // The reporter's paragraph alignment is the one inline style the sanitizer keeps, on purpose.
    'no-inline-style': 'off',
    // Headlines are the office's own and often run past 70 characters; the portal shows them whole.
    'long-title': 'off',
  },
});

/** html-validate's findings for one page, as readable lines (empty when the page is valid). */
export async function validationErrors(html: string, name: string): Promise<string[]> {
  const report = await validator.validateString(html, name);
  return report.results.flatMap((result) =>
    result.messages.map((message) => `${name}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`),
  );
}

/** The archive's articles, oldest first, as the site keeps them: an entry and a source each. */
export function syntheticArchive(count: number): { entries: SiteEntry[]; sources: ArticleSource[] } {
  const entries: SiteEntry[] = [];
  const sources: ArticleSource[] = [];
  const start = Date.UTC(2016, 0, 1);
  for (let i = 0; i < count; i++) {
    const id = `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const hash = i.toString(16).padStart(64, 'a');
    const image = { hash, file: `images/${hash}.jpg`, width: 800, height: 533, alt: `Ảnh ${i + 1}` };
    const publishedAt = new Date(start + i * 8 * 3_600_000).toISOString();
    entries.push({
      id,
      slug: `tin-hue-so-${i + 1}`,
      title: `Tin Huế số ${i + 1}: phong trào toàn dân bảo vệ an ninh Tổ quốc trong cơ quan, nhà trường`,
      summary: `Sapo của bài số ${i + 1}: UBND thành phố Huế ban hành Chỉ thị tiếp tục đẩy mạnh phong trào.`,
      byline: 'Huỳnh Thị Ly (Phòng Văn hóa & Thông tin TP Huế)',
      publishedAt,
      updatedAt: publishedAt,
      contentHash: hash,
      stamp: `${publishedAt}#${hash.slice(0, 16)}`,
      featured: image,
      images: [image],
      pageHash: '',
    });
    const paragraph = `<p>Đoạn văn của bài số ${i + 1}: các cơ quan, doanh nghiệp, nhà trường xây dựng mô hình “Tự phòng, tự quản, tự bảo vệ và tự hòa giải” trên đường phố, giữ vững an ninh chính trị, trật tự an toàn xã hội.</p>`;
    sources.push({
      id,
      html: `${paragraph.repeat(4)}<figure><img src="bientap-image:${hash}" alt="Ảnh ${i + 1}" width="800" height="533"></figure>${paragraph.repeat(3)}`,
      category: 'Tin tức - Sự kiện',
      tags: ['Huế'],
      publishedAt,
    });
  }
  return { entries, sources };
}

/** Writes the archive's own files (entries, sources, image references) as a site of this layout keeps them. */
export function seedArchive(root: string, entries: SiteEntry[], sources: ArticleSource[]): Manifest {
  const file = (sitePath: string, value: unknown) => {
    const absolute = path.join(root, sitePath);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, `${JSON.stringify(value)}\n`);
  };
  for (const source of sources) file(sourcePath(source.id), source);
  for (let k = 1; (k - 1) * CHUNK_SIZE < entries.length; k++)
    file(chunkPath(k), entries.slice((k - 1) * CHUNK_SIZE, k * CHUNK_SIZE));
  for (const entry of entries) file(imageRefPath(entry.images[0]!.hash), [entry.id]);
  const manifest: Manifest = {
    format: 2,
    siteId: '20000000-0000-4000-8000-000000000000',
    count: entries.length,
    look: '',
    pending: null,
  };
  file(MANIFEST_PATH, manifest);
  return manifest;
}
