import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { KEYS_PATH, sealComment, type KeysFile, type Seal } from '../../shared/seal/format';
import { parseKeysFile } from '../../shared/seal/schema';
import type { EditorNode, EditorState } from '../../shared/domain';
import { bodyText, expectedWords } from '../../shared/seal/expected';
import { readRegion } from '../../shared/seal/page';
import { imagesFromUrl, keysUrlCandidates } from '../../shared/seal/sources';
import { verifyDocument, webCryptoReady, type VerifyOptions, type VerifyResult } from '../../shared/seal/verify';
import { wordsOf } from '../../shared/seal/words';
import {
  keysFile,
  makeArticle,
  makeImage,
  makeOffice,
  makeSeal,
  makeSigner,
  resignPublication,
  staticPage,
  wordpressPage,
  type Article,
  type FixtureImage,
  type Office,
  type Signer,
} from './verifyFixture';
import { paragraphNode, textNode } from '../articles/editorState';
import { renderArticleHtml } from '../render/html';
import { publishedSite } from './publishedFixture';

const PAGE_URL = 'https://tin.hue.example/bai-viet/hue-ky-niem.html';
const WP_URL = 'https://wp.example/2026/04/15/hue-ky-niem/';

let office: Office;
let signer: Signer;
let article: Article;
let keys: KeysFile;
let staticSeal: Seal;
let wordpressSeal: Seal;

beforeAll(async () => {
  office = makeOffice();
  signer = makeSigner(office);
  article = await makeArticle();
  keys = keysFile(office, [signer]);
  staticSeal = makeSeal({
    office,
    signer,
    article,
    shows: ['title', 'summary', 'body', 'byline'],
    images: [article.featured, article.bodyImage],
  });
  wordpressSeal = makeSeal({
    office,
    signer,
    article,
    shows: ['title', 'body', 'byline'],
    images: [article.bodyImage],
  });
});

/** The bytes a server would answer for each address. */
function server(files: Record<string, Uint8Array>): (url: string) => Promise<Uint8Array | null> {
  return (url) => Promise.resolve(files[url] ?? null);
}

function staticImages(images: { featured?: FixtureImage; body?: FixtureImage } = {}) {
  const featured = images.featured ?? article.featured;
  const body = images.body ?? article.bodyImage;
  return server({
    [`https://tin.hue.example/images/${article.featured.hash}.png`]: featured.bytes,
    [`https://tin.hue.example/images/${article.bodyImage.hash}.png`]: body.bytes,
  });
}

const wordpressImages = (image: FixtureImage = article.bodyImage) =>
  server({ [`https://wp.example/wp-content/uploads/2026/04/bientap-${article.bodyImage.hash}.png`]: image.bytes });

async function check(html: string, options: VerifyOptions, url = PAGE_URL): Promise<VerifyResult> {
  const document = new JSDOM(html, { url }).window.document;
  return verifyDocument(document, options);
}

/** The static page sealed by `sealOffice` and `signer` (the article's own images), checked as a reader would. */
async function checkSealed(sealOffice: Office, signer: Signer, options: Pick<VerifyOptions, 'keys' | 'office'>) {
  const seal = makeSeal({
    office: sealOffice,
    signer,
    article,
    shows: staticSeal.publication.shows,
    images: [article.featured, article.bodyImage],
  });
  return check(await staticPage(article, seal), { ...options, image: imagesFromUrl(PAGE_URL, staticImages()) });
}

const checkOf = (result: VerifyResult, id: string) => result.checks.find((c) => c.id === id);

describe('the words a page must show', () => {
  it('reads the body as the published HTML lays it out: bold joins, blocks and line breaks separate', () => {
    const { region, title } = expectedWords(article.content, ['title', 'body']);
    expect(title).toEqual(wordsOf(article.content.title));
    expect(region).toContain('quốcvào');
    expect(region).toContain('Tổ');
    // The line break separates "thành phố..." from the next line, the image shows caption then credit.
    expect(region.join(' ')).toContain('phố... Người dân');
    expect(region.join(' ')).toContain('Ngọ Môn trong đêm khai mạc Ảnh: Minh Tâm Lễ hội');
    // The alt text is not text.
    expect(region.join(' ')).not.toContain('về đêm');
  });

  it('reads every kind of block as the publishing renderer lays it out', () => {
    const block = (type: string, children: EditorNode[], extra: Record<string, unknown> = {}): EditorNode =>
      ({ ...paragraphNode(children), type, ...extra }) as EditorNode;
    const state: EditorState = {
      root: {
        type: 'root',
        version: 1,
        format: '',
        indent: 0,
        direction: null,
        children: [
          block('heading', [textNode('Tiêu'), textNode('đề')], { tag: 'h2' }),
          block('quote', [textNode('Lời'), { type: 'linebreak', version: 1 }, textNode('dẫn')]),
          block(
            'list',
            [block('listitem', [textNode('một')], { value: 1 }), block('listitem', [textNode('hai')], { value: 2 })],
            {
              listType: 'bullet',
              start: 1,
              tag: 'ul',
            },
          ),
          { type: 'horizontalrule', version: 1 },
          paragraphNode([
            textNode('Cột'),
            { type: 'tab', version: 1, text: '\t', format: 0, detail: 2, mode: 'normal', style: '' },
            textNode('hai'),
          ]),
          block('table', [
            block('tablerow', [
              block('tablecell', [paragraphNode([textNode('ô1')])], { headerState: 0, colSpan: 1, rowSpan: 1 }),
              block('tablecell', [paragraphNode([textNode('ô2')])], { headerState: 0, colSpan: 1, rowSpan: 1 }),
            ]),
          ]),
          paragraphNode([textNode('Cuối')]),
        ],
      },
    };
    const html = renderArticleHtml(state);
    const region = new JSDOM(`<div>${html}</div>`).window.document.querySelector('div')!;
    const expected = wordsOf(bodyText(state));
    expect(expected).toEqual(['Tiêuđề', 'Lời', 'dẫn', 'một', 'hai', 'Cột', 'hai', 'ô1', 'ô2', 'Cuối']);
    expect(wordsOf(readRegion(region).text), html).toEqual(expected);
  });

  it("folds WordPress's typography and invisible characters back", () => {
    expect(wordsOf('\u201cHuế\u201d \u2013 1920\u00d71080\u2026 a\u00a0b c\u200bd')).toEqual(
      wordsOf('"Huế" -- 1920x1080... a b cd'),
    );
    expect(wordsOf('Ho\u0300a')).toEqual(['Hòa']);
    // convert_smilies: a smiley standing alone shows as its emoji; inside a word it stays.
    expect(wordsOf('phố cổ \u{1f642} ;-)')).toEqual(wordsOf('phố cổ :) \u{1f609}'));
    expect(wordsOf('x:)')).toEqual(['x:)']);
  });

  it('walks up from a page to the site root for the keys file', () => {
    expect(keysUrlCandidates('https://a.example/site/bai/x.html')).toEqual([
      'https://a.example/site/bai/.well-known/bientap-keys.json',
      'https://a.example/site/.well-known/bientap-keys.json',
      'https://a.example/.well-known/bientap-keys.json',
    ]);
  });
});

describe('verifyDocument', () => {
  it('finds a static page intact', async () => {
    const html = await staticPage(article, staticSeal);
    const result = await check(html, { keys, image: imagesFromUrl(PAGE_URL, staticImages()) });
    expect(
      result.checks.filter((c) => c.ok !== true),
      JSON.stringify(result, null, 2),
    ).toEqual([]);
    expect(result).toMatchObject({
      verdict: 'intact',
      headline: 'Bài này đúng như đã được ký duyệt',
      signer: { name: 'Trần Văn Bình', fingerprint: signer.fingerprint },
      office: { name: office.name, fingerprint: office.fingerprint },
      officePinned: true,
      signedAt: '2026-04-15T03:51:38.000Z',
      selfApproved: false,
      differences: [],
    });
    expect(result.checks.map((c) => c.id)).toEqual([
      'seal',
      'office',
      'signerKey',
      'approval',
      'content',
      'publication',
      'text',
      'images',
    ]);
    expect(checkOf(result, 'images')?.message).toContain('2 ảnh');
  });

  it('finds a WordPress post intact through curly quotes, dashes, smileys, wpautop and srcset', async () => {
    const html = await wordpressPage(article, wordpressSeal);
    expect(html).toContain('\u201cNgày thống nhất\u201d');
    expect(html).toContain('class="wp-smiley"');
    expect(html).toContain('srcset=');
    const result = await check(
      html,
      { office: office.fingerprint, image: imagesFromUrl(WP_URL, wordpressImages()) },
      WP_URL,
    );
    expect(
      result.checks.filter((c) => c.ok !== true),
      JSON.stringify(result, null, 2),
    ).toEqual([]);
    expect(result.verdict).toBe('intact');
  });

  it('accepts a format-1 approval (the signature over the content hash)', async () => {
    const seal = makeSeal({
      office,
      signer,
      article,
      shows: ['title', 'body', 'byline'],
      images: [article.bodyImage],
      signatureFormat: 1,
    });
    const result = await check(
      await wordpressPage(article, seal),
      { keys, image: imagesFromUrl(WP_URL, wordpressImages()) },
      WP_URL,
    );
    expect(result.verdict).toBe('intact');
  });

  it('names a changed word', async () => {
    const html = (await staticPage(article, staticSeal)).replace('đã đổi mới cách', 'đã thay đổi cách');
    const result = await check(html, { keys, image: imagesFromUrl(PAGE_URL, staticImages()) });
    expect(result.verdict).toBe('changed');
    expect(result.headline).toMatch(/^Bài trên trang đã bị sửa sau khi ký/);
    expect(checkOf(result, 'text')?.ok).toBe(false);
    expect(checkOf(result, 'images')?.ok).toBe(true);
    expect(result.differences, JSON.stringify(result.differences)).toHaveLength(1);
    expect(result.differences[0]).toMatchObject({ kind: 'text', removed: 'đổi mới', added: 'thay đổi' });
    expect(result.differences[0]!.message).toBe(
      'Đã đổi "đổi mới" thành "thay đổi" (… lễ. Chương trình đã thay đổi cách trình chiếu trên …)',
    );
  });

  it('names a changed title, a removed word and an added one', async () => {
    const html = (await staticPage(article, staticSeal))
      .replace('51 năm</h1>', '52 năm</h1>')
      .replace('Lễ hội kéo dài', 'Lễ hội vẫn kéo')
      .replace('kỷ niệm trọng thể.</p>', 'kỷ niệm.</p>');
    const result = await check(html, { keys, image: imagesFromUrl(PAGE_URL, staticImages()) });
    expect(result.verdict).toBe('changed');
    const messages = result.differences.map((d) => d.message);
    expect(messages).toContainEqual(
      expect.stringMatching(/^Tiêu đề: Đã đổi "51" thành "52" \(… "Ngày thống nhất" - 52 năm\)$/),
    );
    expect(messages).toContainEqual(
      'Đã đổi "niệm trọng thể." thành "niệm." (… tổ chức lễ kỷ niệm. Sáng 15/4, Thành ủy …)',
    );
    expect(messages).toContainEqual(expect.stringMatching(/^Đã đổi "kéo dài" thành "vẫn kéo" /));
  });

  it('gives up listing when the page shows another text altogether, quickly', async () => {
    const other = Array.from({ length: 3000 }, (_, i) => `chữ${i}`).join(' ');
    const html = (await staticPage(article, staticSeal)).replace(
      /(<div class="noi-dung">)[\s\S]*?(<\/div>)/,
      `$1<p>${other}</p>$2`,
    );
    const started = performance.now();
    const result = await check(html, { keys, image: imagesFromUrl(PAGE_URL, staticImages()) });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.verdict).toBe('changed');
    expect(result.differences.map((d) => d.message)).toEqual([
      expect.stringMatching(
        /^Chữ trên trang khác hẳn bài đã ký duyệt \(quá nhiều chỗ khác để liệt kê: \d+ chữ đã ký, \d+ chữ trên trang\)\.$/,
      ),
      // The body's image went with its text.
      'Trang có 1 ảnh, bài đã ký duyệt đăng 2 ảnh.',
    ]);
  });

  it('finds a changed image by its bytes', async () => {
    const other = await makeImage({ r: 10, g: 200, b: 10 });
    const html = await staticPage(article, staticSeal);
    const result = await check(html, { keys, image: imagesFromUrl(PAGE_URL, staticImages({ body: other })) });
    expect(result.verdict).toBe('changed');
    expect(checkOf(result, 'text')?.ok).toBe(true);
    expect(checkOf(result, 'images')?.ok).toBe(false);
    expect(result.differences).toEqual([
      expect.objectContaining({
        kind: 'image',
        message: `Ảnh "${article.bodyImage.hash}.png" khác với ảnh đã ký duyệt.`,
      }),
    ]);
  });

  it('is incomplete, not intact, when an image cannot be fetched', async () => {
    const html = await staticPage(article, staticSeal);
    const result = await check(html, {
      keys,
      image: imagesFromUrl(
        PAGE_URL,
        server({ [`https://tin.hue.example/images/${article.featured.hash}.png`]: article.featured.bytes }),
      ),
    });
    expect(result.verdict).toBe('incomplete');
    expect(checkOf(result, 'images')).toMatchObject({
      ok: null,
      message: expect.stringContaining('chưa kiểm tra được'),
    });
  });

  it('refuses a swapped signature (another approval of the same key)', async () => {
    const otherArticle = { ...article, content: { ...article.content, title: 'Một bài khác' } };
    const other = makeSeal({ office, signer, article: otherArticle, shows: staticSeal.publication.shows, images: [] });
    const swapped: Seal = { ...staticSeal, approval: { ...staticSeal.approval, signature: other.approval.signature } };
    const result = await check(await staticPage(article, swapped), {
      keys,
      image: imagesFromUrl(PAGE_URL, staticImages()),
    });
    expect(result.verdict).toBe('invalid');
    expect(checkOf(result, 'approval')?.ok).toBe(false);
    expect(result.headline).toBe('Dấu ký duyệt không hợp lệ: chữ ký duyệt không khớp với bài đã ký');
    // Even with the office re-signing the statement around the swapped signature, the approval fails.
    const restated = resignPublication(
      { ...swapped, publication: { ...swapped.publication, approvalSignature: other.approval.signature } },
      office,
    );
    const again = await check(await staticPage(article, restated), {
      keys,
      image: imagesFromUrl(PAGE_URL, staticImages()),
    });
    expect(again.verdict).toBe('invalid');
    expect(checkOf(again, 'approval')?.ok).toBe(false);
    expect(checkOf(again, 'publication')?.ok).toBe(true);
  });

  it('refuses content that is not what was signed', async () => {
    const forged: Seal = { ...staticSeal, content: staticSeal.content.replace('51 năm', '52 năm') };
    const result = await check(await staticPage(article, forged), { keys });
    expect(result.verdict).toBe('invalid');
    expect(checkOf(result, 'content')?.ok).toBe(false);
  });

  it('refuses a key the keys file does not list', async () => {
    const stranger = makeSigner(office, { name: 'Người lạ' });
    const result = await checkSealed(office, stranger, { keys });
    expect(result.verdict).toBe('invalid');
    expect(checkOf(result, 'signerKey')?.ok).toBe(false);
    expect(result.headline).toBe('Dấu ký duyệt không hợp lệ: khóa không có trong danh sách của văn phòng');
  });

  it('refuses a signer certificate the office did not sign', async () => {
    const rogueOffice = makeOffice();
    const rogue = makeSigner(rogueOffice);
    const certificate = { ...rogue.certificate, office: office.fingerprint };
    // No keys file: the certificate the seal carries is the one checked.
    const result = await checkSealed(office, { ...rogue, certificate }, { office: office.fingerprint });
    expect(result.verdict).toBe('invalid');
    expect(checkOf(result, 'signerKey')?.message).toContain('khóa không có trong danh sách của văn phòng');
  });

  it('refuses a key that had expired when the approval was given', async () => {
    const expired = makeSigner(office, {
      validFrom: '2025-01-01T00:00:00.000Z',
      validUntil: '2026-03-01T00:00:00.000Z',
    });
    const result = await checkSealed(office, expired, { keys: keysFile(office, [signer, expired]) });
    expect(result.verdict).toBe('invalid');
    expect(result.headline).toBe('Dấu ký duyệt không hợp lệ: khóa đã hết hạn');
  });

  it('refuses a page sealed by another office', async () => {
    const otherOffice = makeOffice('Văn phòng khác');
    const otherSigner = makeSigner(otherOffice);
    const result = await checkSealed(otherOffice, otherSigner, { keys });
    expect(result.verdict).toBe('invalid');
    expect(result.headline).toBe(
      `Dấu ký duyệt không hợp lệ: trang này được đóng dấu bởi một văn phòng khác (khóa ${otherOffice.fingerprint.slice(0, 16)}…)`,
    );
    expect(checkOf(result, 'office')?.message).toMatch(/^Trang này được đóng dấu bởi một văn phòng khác/);
  });

  it('is incomplete when no office is pinned, and says which office the seal claims', async () => {
    const result = await check(await staticPage(article, staticSeal), {
      image: imagesFromUrl(PAGE_URL, staticImages()),
    });
    expect(result.verdict).toBe('incomplete');
    expect(result.officePinned).toBe(false);
    expect(checkOf(result, 'office')).toMatchObject({ ok: null, message: expect.stringContaining(office.name) });
    expect(checkOf(result, 'text')?.ok).toBe(true);
  });

  it('says so when the page has no seal, or a broken one', async () => {
    const html = (await staticPage(article, staticSeal)).replace(/<!-- bientap:seal=[^>]*-->/, '');
    const result = await check(html, { keys });
    expect(result).toMatchObject({ verdict: 'invalid', headline: 'Trang này không có dấu ký duyệt của Biên Tập' });
    const broken = (await staticPage(article, staticSeal)).replace(
      /(<!-- bientap:seal=)[A-Za-z0-9_-]{20}/,
      '$1AAAAAAAAAAAAAAAAAAAA',
    );
    const result2 = await check(broken, { keys });
    expect(result2.verdict).toBe('invalid');
    expect(checkOf(result2, 'seal')?.ok).toBe(false);
  });

  it('counts text the content region gained outside the signed words, and hidden text not at all', async () => {
    const seal = await sealComment(wordpressSeal);
    expect(seal).toMatch(/^<!-- bientap:seal=/);
    const base = await wordpressPage(article, wordpressSeal);
    const hidden = base.replace(
      '<div class="entry-content">',
      '<div class="entry-content"><div hidden>Bí mật</div><script>var a = "x";</script>',
    );
    const ok = await check(hidden, { keys, image: imagesFromUrl(WP_URL, wordpressImages()) }, WP_URL);
    expect(ok.verdict).toBe('intact');
    // The publisher's "Đã ký duyệt · kiểm tra" line is left out; the same mark on other words is not.
    expect(base).toContain('data-bientap-ngoai');
    const smuggled = base.replace(
      '<div class="entry-content">',
      '<div class="entry-content"><p data-bientap-ngoai="">Tin giả</p>',
    );
    const caught = await check(smuggled, { keys, image: imagesFromUrl(WP_URL, wordpressImages()) }, WP_URL);
    expect(caught.verdict).toBe('changed');
    expect(caught.differences[0]?.message).toMatch(/^Đã thêm "Tin giả"/);
    const added = base.replace('<div class="entry-content">', '<div class="entry-content"><p>Quảng cáo</p>');
    const changed = await check(added, { keys, image: imagesFromUrl(WP_URL, wordpressImages()) }, WP_URL);
    expect(changed.verdict).toBe('changed');
    expect(changed.differences[0]?.message).toMatch(/^Đã thêm "Quảng cáo"/);
  });

  describe('without WebCrypto (a browser on a plain http page) or without its Ed25519', () => {
    afterEach(() => vi.unstubAllGlobals());

    it('says the seal cannot be checked here, never that it is invalid', async () => {
      expect(await webCryptoReady()).toBe(true);
      const html = await staticPage(article, staticSeal);
      vi.stubGlobal('crypto', undefined);
      expect(await webCryptoReady()).toBe(false);
      const result = await check(html, { keys, image: imagesFromUrl(PAGE_URL, staticImages()) });
      expect(result.verdict).toBe('incomplete');
      expect(result.headline).toBe('Chưa kiểm tra được đầy đủ: trình duyệt này không kiểm tra được chữ ký số');
      expect(result.checks.filter((c) => c.ok === false)).toEqual([]);
    });

    it('treats an Ed25519 the platform refuses the same way', async () => {
      const real = globalThis.crypto;
      const refusing = {
        subtle: {
          digest: real.subtle.digest.bind(real.subtle),
          importKey: () => Promise.reject(new DOMException('Unrecognized name', 'NotSupportedError')),
          verify: real.subtle.verify.bind(real.subtle),
        },
      };
      vi.stubGlobal('crypto', refusing);
      const result = await check(await staticPage(article, staticSeal), { keys });
      expect(result.verdict).toBe('incomplete');
    });
  });
});

describe('a page the static publisher wrote', () => {
  it('is intact with the keys file the site publishes, and changed once edited by hand', async () => {
    const { core, site, page: file } = await publishedSite();
    try {
      const keys = parseKeysFile(JSON.parse(readFileSync(join(site, KEYS_PATH), 'utf8')));
      expect(keys).not.toBeNull();
      const options: VerifyOptions = {
        keys,
        image: (src) => Promise.resolve(new Uint8Array(readFileSync(fileURLToPath(new URL(src, pathToFileURL(file)))))),
      };
      const page = readFileSync(file, 'utf8');
      const result = await check(page, options, pathToFileURL(file).href);
      expect(
        result.checks.filter((c) => c.ok !== true),
        JSON.stringify(result, null, 2),
      ).toEqual([]);
      expect(result.verdict).toBe('intact');

      const edited = await check(page.replace('đón chào', 'chào đón'), options, pathToFileURL(file).href);
      expect(edited.verdict).toBe('changed');
      expect(edited.differences.map((d) => d.message)).toEqual([
        'Đã đổi "đón chào" thành "chào đón" (… sôi nổi. Người dân chào đón du khách. Đêm khai …)',
      ]);
    } finally {
      core.close();
    }
  }, 60_000);
});
