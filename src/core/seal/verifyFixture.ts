/**
 * Sealed pages for the verifier's tests: an office key and signer keys made with node:crypto, a
 * seal built with the shared format's own functions around a small article, and the article laid
 * out as the static site lays it out and as a WordPress theme shows a post (after WordPress's own
 * filters: curly quotes, dashes, smileys, automatic paragraphs, responsive image attributes).
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import sharp from 'sharp';
import type { EditorNode, EditorState } from '../../shared/domain';
import {
  approvalMessageText,
  KEYS_FORMAT,
  keyMessage,
  publicationMessage,
  SEAL_FORMAT,
  sealComment,
  type KeyCertificate,
  type KeysFile,
  type OfficeKey,
  type PublishedImage,
  type Seal,
  type ShownField,
} from '../../shared/seal/format';
import { paragraphNode, textNode } from '../articles/editorState';
import { IMAGE_SCHEME } from '../publish/adapter';
import { renderPortalPage } from '../publish/static/page';
import { buildContent } from '../publish/wordpress/content';
import { renderArticleHtml } from '../render/html';
import { canonicalJson, collectImageHashes, type SignedContent } from '../signoff/canonical';

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

export interface KeyPair {
  publicKey: string;
  fingerprint: string;
  privateKey: KeyObject;
}

export function keyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { publicKey: der.toString('base64'), fingerprint: sha256(der), privateKey };
}

const signWith = (key: KeyObject, message: Uint8Array) => sign(null, message, key).toString('base64');

export interface Office extends KeyPair {
  name: string;
  key: OfficeKey;
}

export function makeOffice(name = 'Phòng Văn hóa và Thông tin TP Huế'): Office {
  const pair = keyPair();
  return { ...pair, name, key: { name, publicKey: pair.publicKey, fingerprint: pair.fingerprint } };
}

export interface Signer extends KeyPair {
  certificate: KeyCertificate;
}

export function makeSigner(
  office: Office,
  { name = 'Trần Văn Bình', validFrom = '2026-01-01T00:00:00.000Z', validUntil = null as string | null } = {},
): Signer {
  const pair = keyPair();
  const statement = {
    office: office.fingerprint,
    fingerprint: pair.fingerprint,
    publicKey: pair.publicKey,
    name,
    validFrom,
    validUntil,
  };
  return { ...pair, certificate: { ...statement, signature: signWith(office.privateKey, keyMessage(statement)) } };
}

export function keysFile(office: Office, signers: Signer[]): KeysFile {
  return {
    format: KEYS_FORMAT,
    office: office.key,
    keys: signers.map((signer) => signer.certificate),
    issuedAt: '2026-12-01T00:00:00.000Z',
  };
}

/** One image: the original the approval names and the web rendition the site serves. */
export interface FixtureImage {
  hash: string;
  bytes: Buffer;
  sha256: string;
}

export async function makeImage(color: { r: number; g: number; b: number }): Promise<FixtureImage> {
  const original = await sharp({ create: { width: 64, height: 40, channels: 3, background: color } })
    .jpeg()
    .toBuffer();
  const bytes = await sharp(original).png().toBuffer();
  return { hash: sha256(original), bytes, sha256: sha256(bytes) };
}

const bold = (text: string): EditorNode => ({ ...textNode(text), format: 1 });
const link = (url: string, children: EditorNode[]): EditorNode => ({
  type: 'link',
  version: 1,
  url,
  rel: 'noopener',
  target: null,
  title: null,
  format: '',
  indent: 0,
  direction: null,
  children,
});
const linebreak: EditorNode = { type: 'linebreak', version: 1 };

/**
 * A short article: paragraphs with bold text run into the next word, a link, a line break, quotes,
 * a double dash, an ellipsis, a size written with x, a smiley, and an image with caption and credit.
 */
export function articleBody(imageHash: string): EditorState {
  return {
    root: {
      type: 'root',
      version: 1,
      format: '',
      indent: 0,
      direction: null,
      children: [
        paragraphNode([
          textNode('Sáng 15/4, Thành ủy Huế tổ chức lễ kỷ niệm "Ngày thống nhất" -- thu hút đông đảo Tổ '),
          bold('quốc'),
          textNode('vào buổi lễ.'),
        ]),
        paragraphNode([
          textNode('Chương trình đã đổi mới cách trình chiếu trên màn hình 1920x1080 '),
          link('https://hue.gov.vn/', [textNode('cổng thông tin')]),
          textNode(' của thành phố...'),
          linebreak,
          textNode('Người dân rất vui :)'),
        ]),
        {
          type: 'image',
          version: 1,
          hash: imageHash,
          width: 64,
          height: 40,
          altText: 'Ngọ Môn về đêm',
          caption: 'Ngọ Môn trong đêm khai mạc',
          credit: 'Ảnh: Minh Tâm',
        },
        paragraphNode([textNode('Lễ hội kéo dài đến hết tháng 4.')]),
      ],
    },
  };
}

export interface Article {
  content: SignedContent;
  bodyImage: FixtureImage;
  featured: FixtureImage;
  articleId: string;
}

export async function makeArticle(): Promise<Article> {
  const bodyImage = await makeImage({ r: 200, g: 40, b: 40 });
  const featured = await makeImage({ r: 40, g: 40, b: 200 });
  const body = articleBody(bodyImage.hash);
  return {
    bodyImage,
    featured,
    articleId: '0b9f6a1e-5c3d-4e2a-9f11-2a7c4b8d9e01',
    content: {
      title: 'Huế kỷ niệm "Ngày thống nhất" -- 51 năm',
      summary: 'Sáng nay, Thành ủy Huế tổ chức lễ kỷ niệm trọng thể.',
      body,
      byline: 'Huỳnh Thị Ly (Phòng VH&TT)',
      category: 'Văn hóa',
      tags: ['lễ hội', 'Huế'],
      imageHashes: [...new Set([...collectImageHashes(body), featured.hash])].sort(),
      featuredImage: featured.hash,
    },
  };
}

export interface SealOptions {
  office: Office;
  signer: Signer;
  article: Article;
  shows: ShownField[];
  images: FixtureImage[];
  at?: string;
  signatureFormat?: 1 | 2;
}

/** A seal made the way the publisher makes one: every signature real. */
export function makeSeal({
  office,
  signer,
  article,
  shows,
  images,
  at = '2026-04-15T03:51:38.000Z',
  signatureFormat = 2,
}: SealOptions): Seal {
  const content = canonicalJson(article.content);
  const contentHash = sha256(content);
  const statement = {
    articleId: article.articleId,
    revisionId: '5d1c2b3a-0000-4000-8000-000000000001',
    contentHash,
    keyFingerprint: signer.fingerprint,
    at,
    auditHead: 'ab'.repeat(32),
  };
  const signature =
    signatureFormat === 2
      ? signWith(signer.privateKey, Buffer.from(approvalMessageText(statement), 'utf8'))
      : signWith(signer.privateKey, Buffer.from(contentHash, 'hex'));
  const publication = {
    office: office.fingerprint,
    articleId: article.articleId,
    contentHash,
    approvalSignature: signature,
    shows,
    images: images.map((image): PublishedImage => ({ hash: image.hash, sha256: image.sha256 })),
    selfApproved: false,
    publishedAt: '2026-04-15T04:00:00.000Z',
    auditHead: '42:' + 'cd'.repeat(32),
  };
  return {
    format: SEAL_FORMAT,
    office: office.key,
    approval: { ...statement, signature, signatureFormat },
    signer: signer.certificate,
    content,
    publication: { ...publication, signature: signWith(office.privateKey, publicationMessage(publication)) },
  };
}

/** The office's signature over a publication statement, for tests that change one. */
export function resignPublication(seal: Seal, office: Office): Seal {
  const { signature: _old, ...statement } = seal.publication;
  void _old;
  return {
    ...seal,
    publication: { ...statement, signature: signWith(office.privateKey, publicationMessage(statement)) },
  };
}

export const imageFile = (image: FixtureImage) => `${image.hash}.png`;

/** The article page as the static site writes it, the seal after the byline; images in `../images/`. */
export async function staticPage(article: Article, seal: Seal): Promise<string> {
  const html = renderArticleHtml(article.content.body, { imageUrl: (hash) => `${IMAGE_SCHEME}${hash}` });
  return renderPortalPage(
    {
      title: article.content.title,
      summary: article.content.summary,
      html,
      byline: article.content.byline,
      publishedAt: new Date('2026-04-15T04:00:00.000Z'),
      featuredImage: { hash: article.featured.hash, width: 64, height: 40, alt: '' },
      seal: await sealComment(seal),
      selfApproved: seal.publication.selfApproved,
    },
    {
      siteTitle: 'Cổng thông tin Huế',
      imageUrl: (hash) => `../images/${hash}.png`,
      stylesheet: { href: '../assets/site.css' },
      homeHref: '../index.html',
      others: [{ title: 'Một bài khác', href: 'khac.html', publishedAt: new Date('2026-04-14T00:00:00Z') }],
      verifyHref: '../kiem-tra.html',
    },
  );
}

/**
 * What wptexturize and convert_smilies do to the text of a post (outside tags): curly quotes, en
 * dash for `--`, ellipsis, × between digits, `:)` as a smiley image.
 */
function texturize(html: string): string {
  return html.replace(/>([^<]+)</g, (_all, text: string) => {
    const out = text
      .replace(/"([^"]*)"/g, '\u201c$1\u201d')
      .replace(/--/g, '\u2013')
      .replace(/\.\.\./g, '\u2026')
      .replace(/(\d)x(\d)/g, '$1\u00d7$2')
      .replace(
        /:\)/g,
        '<img src="https://wp.example/wp-includes/images/smilies/simple-smile.png" alt=":)" class="wp-smiley" style="height: 1em; max-height: 1em;" />',
      );
    return `>${out}<`;
  });
}

/** What wpautop and the image filters do: paragraphs broken by newlines, `<br />`, srcset and lazy loading. */
function autop(html: string): string {
  return html
    .replace(/<br>/g, '<br />\n')
    .replace(/<\/p>/g, '</p>\n\n')
    .replace(
      /<img src="([^"]*\/uploads\/[^"]+)"/g,
      '<img decoding="async" loading="lazy" class="aligncenter size-full wp-image-12" src="$1" srcset="$1 64w, $1 32w" sizes="(max-width: 64px) 100vw, 64px"',
    );
}

/** A WordPress post as a theme shows it: the site name in an h1, the title in another, the content filtered. */
export async function wordpressPage(
  article: Article,
  seal: Seal,
  uploads = 'https://wp.example/wp-content/uploads/2026/04/',
): Promise<string> {
  const html = renderArticleHtml(article.content.body, { imageUrl: (hash) => `${IMAGE_SCHEME}${hash}` });
  const urls = new Map([[article.bodyImage.hash, `${uploads}bientap-${article.bodyImage.hash}.png`]]);
  const content = buildContent(html, article.content.byline, article.articleId, urls, {
    comment: await sealComment(seal),
    selfApproved: seal.publication.selfApproved,
    verifyPageUrl: 'https://tin.hue.example/kiem-tra.html',
  });
  const title = texturize(`>${article.content.title}<`).slice(1, -1);
  return [
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Bài — Trang tin</title>',
    '<script>window._wpemojiSettings = {"source": "x"};</script><style>.x{}</style></head>',
    '<body class="post-template-default single">',
    '<header class="site-header"><h1 class="site-title"><a href="/">Trang tin Huế</a></h1></header>',
    '<main><article class="post">',
    `<header class="entry-header"><h1 class="entry-title">${title}</h1></header>`,
    `<div class="entry-content">\n${autop(texturize(content))}\n</div>`,
    '<footer class="entry-footer">Đăng trong <a href="/c/van-hoa">Văn hóa</a></footer>',
    '</article></main><aside><h2>Bài mới</h2><ul><li>Bài khác</li></ul></aside>',
    '</body></html>',
  ].join('\n');
}
