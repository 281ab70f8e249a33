import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES } from '../../shared/api/envelope';
import { UNSAFE_TEXT_MESSAGE } from '../../shared/api/fields';
import { LIMITS, type EditorNode } from '../../shared/domain';
import { body } from '../reviewkit';
import { openSeededCore, tempDir, type TestCore } from '../testkit';

let core: TestCore;
let s: Record<string, string>;
let articleId: string;

beforeEach(async () => {
  ({ core, sessions: s } = await openSeededCore());
  articleId = (await core.call('articles.create', { title: 'Bài thử' }, s.phongvien)).id;
});
afterEach(() => core.close());

/** A call that must be refused with `code`, a Vietnamese message (matching `message` when given), and no write. */
async function refused(method: string, input: unknown, session: string | undefined, code: string, message?: RegExp) {
  const before = core.changes();
  const result = await core.tryCall(method, input, session ?? null);
  expect(result.ok, `${method} ${JSON.stringify(input).slice(0, 120)}`).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    if (message) expect(result.error.message).toMatch(message);
  }
  expect(core.changes()).toBe(before);
}

const save = (extra: Record<string, unknown>) => ({
  id: articleId,
  baseVersion: 1,
  title: 'Tiêu đề',
  summary: '',
  body: body('Nội dung.'),
  ...extra,
});

const UNSAFE = ['\u0001', '\u0000', '\u001B[31m', '\u007F', '\u0085', '\uFFFF', '\uD83D', '\uDE00', 'a\uDE00\uD83D'];
const unsafeMessage = new RegExp(UNSAFE_TEXT_MESSAGE.slice(0, 30));

describe('text sent to the core', () => {
  it('refuses control characters and lone surrogates in every kind of text field', async () => {
    for (const bad of UNSAFE) {
      const text = `Huế ${bad} 2026`;
      await refused('articles.save', save({ title: text }), s.phongvien, 'INVALID_INPUT', unsafeMessage);
      await refused('articles.save', save({ summary: text }), s.phongvien, 'INVALID_INPUT', unsafeMessage);
      await refused('articles.save', save({ body: body('Đoạn một.', text) }), s.phongvien, 'INVALID_INPUT');
      await refused('articles.save', save({ tags: ['Huế', text] }), s.phongvien, 'INVALID_INPUT', unsafeMessage);
      await refused('articles.save', save({ byline: text }), s.phongvien, 'INVALID_INPUT', unsafeMessage);
      await refused('articles.create', { title: text }, s.phongvien, 'INVALID_INPUT', unsafeMessage);
      await refused('comments.add', { articleId, body: text }, s.phongvien, 'INVALID_INPUT', unsafeMessage);
      await refused(
        'users.update',
        { id: '00000000-0000-4000-8000-000000000000', displayName: text },
        s.quantri,
        'INVALID_INPUT',
        unsafeMessage,
      );
      await refused('auth.login', { username: text, password: 'mật khẩu bất kỳ' }, undefined, 'INVALID_INPUT');
      await refused('proofread.lexicon.add', { word: text }, s.quantri, 'INVALID_INPUT', unsafeMessage);
      await refused('articles.search', { query: text }, s.phongvien, 'INVALID_INPUT', unsafeMessage);
      await refused(
        'publishing.targets.save',
        { name: text, enabled: false, config: { kind: 'wordpress', siteUrl: 'https://example.org', user: 'a' } },
        s.quantri,
        'INVALID_INPUT',
        unsafeMessage,
      );
    }
  });

  it('refuses them inside the editor state too: captions, alt text, link addresses, attributes', async () => {
    const image = (extra: Record<string, unknown>): EditorNode => ({
      type: 'image',
      hash: 'a'.repeat(64),
      altText: 'Ảnh',
      caption: '',
      ...extra,
    });
    const state = (node: EditorNode) => {
      const value = body('Đoạn.');
      value.root.children.push(node);
      return value;
    };
    await refused(
      'articles.save',
      save({ body: state(image({ altText: 'Ảnh\u0002' })) }),
      s.phongvien,
      'INVALID_INPUT',
    );
    await refused('articles.save', save({ body: state(image({ caption: '\uD800' })) }), s.phongvien, 'INVALID_INPUT');
    const link: EditorNode = { type: 'link', url: 'https://hue.gov.vn/\u0000', children: [] };
    await refused(
      'articles.save',
      save({ body: state({ type: 'paragraph', children: [link] }) }),
      s.phongvien,
      'INVALID_INPUT',
    );
    await refused(
      'articles.save',
      save({ body: state({ type: 'paragraph', style: 'x\u0008' }) }),
      s.phongvien,
      'INVALID_INPUT',
    );
  });

  it('keeps tab, line breaks, emoji and every Vietnamese letter', async () => {
    const text = 'Huế\tmùa lễ hội\r\nĐêm 15/4 🎆 — “Tổ quốc”';
    const saved = await core.call(
      'articles.save',
      save({ title: text, summary: text, body: body(text), tags: ['Lễ hội 🎆'] }),
      s.phongvien,
    );
    expect(saved.version).toBe(2);
    const read = await core.call('articles.get', { id: articleId }, s.phongvien);
    expect(read).toMatchObject({ title: text, summary: text, bodyText: text, tags: ['Lễ hội 🎆'] });
  });

  it('takes a comment quoting text next to an emoji cut in half at the edge of its context', async () => {
    await core.call('articles.save', save({ body: body('😀 trước Nội dung sau 😀') }), s.phongvien);
    const thread = await core.call(
      'comments.add',
      { articleId, anchor: { exact: 'Nội dung', prefix: '\uDE00 trước ', suffix: ' sau \uD83D' }, body: 'Góp ý' },
      s.phongvien,
    );
    expect(thread.anchor).toEqual({ exact: 'Nội dung', prefix: ' trước ', suffix: ' sau ' });
  });
});

/** A body of `paragraphs` paragraphs of `length` characters each. */
function bodyOf(paragraphs: number, length: number) {
  return body(...Array.from({ length: paragraphs }, () => 'chữ '.repeat(length / 4)));
}

describe('declared size limits', () => {
  it('refuses a body with more text than an article holds, before doing anything with it', async () => {
    // 15 million characters in 150 paragraphs: each node is within its own limit, the whole is not.
    await refused(
      'articles.save',
      save({ body: bodyOf(150, 100_000) }),
      s.phongvien,
      'INVALID_INPUT',
      /Nội dung bài dài quá 1\.000\.000 ký tự/,
    );
    // Just under the limit is taken.
    const paragraphs = 10;
    const saved = await core.call(
      'articles.save',
      save({ body: bodyOf(paragraphs, LIMITS.bodyText / paragraphs) }),
      s.phongvien,
    );
    expect(saved.version).toBe(2);
  });

  it('refuses too many nodes, nodes nested too deep, and bloated nodes', async () => {
    const many = body();
    many.root.children = Array.from({ length: LIMITS.nodes + 1 }, () => ({ type: 'linebreak' as const }));
    await refused('articles.save', save({ body: many }), s.phongvien, 'INVALID_INPUT', /quá nhiều đoạn/);

    let nested: EditorNode = { type: 'text', text: 'x' };
    for (let i = 0; i < LIMITS.depth; i++) nested = { type: i % 2 ? 'list' : 'listitem', children: [nested] };
    const deep = body();
    deep.root.children = [nested];
    await refused('articles.save', save({ body: deep }), s.phongvien, 'INVALID_INPUT', /lồng nhau quá sâu/);

    const wide: EditorNode = { type: 'paragraph', children: [] };
    for (let i = 0; i < LIMITS.keysPerNode + 1; i++) wide[`k${i}`] = 1;
    const bloated = body();
    bloated.root.children = [wide];
    await refused('articles.save', save({ body: bloated }), s.phongvien, 'INVALID_INPUT');

    // Many attributes of 200 characters each: little text, a very large document.
    const heavy = body();
    heavy.root.children = Array.from({ length: 1000 }, () => {
      const node: EditorNode = { type: 'paragraph', children: [] };
      for (let i = 0; i < 50; i++) node[`a${i}`] = 'x'.repeat(200);
      return node;
    });
    await refused('articles.save', save({ body: heavy }), s.phongvien, 'INVALID_INPUT', /quá lớn để lưu/);
  });

  it('refuses over-long fields with the limit in the message', async () => {
    await refused(
      'articles.save',
      save({ title: 'a'.repeat(LIMITS.title + 1) }),
      s.phongvien,
      'INVALID_INPUT',
      /dài quá 500 ký tự/,
    );
    await refused('comments.add', { articleId, body: 'b'.repeat(10_001) }, s.phongvien, 'INVALID_INPUT', /10\.000/);
    await refused(
      'proofread.check',
      { articleId, blocks: Array.from({ length: 11 }, () => 'c'.repeat(100_000)) },
      s.phongvien,
      'INVALID_INPUT',
      /Nội dung cần soát dài quá/,
    );
  });

  it('proofreads a block at its declared limit, even when it is one unbroken run of letters', async () => {
    // Each run of letters used to be tried as two glued syllables at every cut: 100,000 letters kept the core busy for a minute.
    const result = await core.call(
      'proofread.check',
      { articleId, blocks: ['ạb'.repeat(50_000), 'Huế '.repeat(25_000)] },
      s.phongvien,
    );
    expect(result.findings.some((finding) => finding.block === 0 && finding.rule === 'spelling.unknown')).toBe(true);
  });

  it('refuses a call larger than either transport may carry, whatever its method', async () => {
    const huge = 'x'.repeat(MAX_REQUEST_BYTES);
    await refused('images.upload', { data: huge }, s.phongvien, 'PAYLOAD_TOO_LARGE');
    await refused('articles.save', save({ summary: huge }), s.phongvien, 'PAYLOAD_TOO_LARGE');
    const spread = Array.from({ length: 20 }, () => 'y'.repeat(MAX_REQUEST_BYTES / 16));
    await refused('proofread.check', { articleId, blocks: spread }, s.phongvien, 'PAYLOAD_TOO_LARGE');
  });
});

describe('a static site folder', () => {
  const target = (folder: string) => ({
    name: 'Trang tĩnh khác',
    enabled: true,
    config: { kind: 'static' as const, folder, baseUrl: '', siteTitle: '' },
  });

  it('must be an absolute path', async () => {
    for (const folder of ['site', './site', '../www', '~/www', 'C:Website']) {
      await refused('publishing.targets.save', target(folder), s.quantri, 'INVALID_INPUT', /đường dẫn đầy đủ/);
    }
  });

  it('may not be the data folder, a folder holding it, or another folder inside it', async () => {
    const data = core.dir;
    await refused('publishing.targets.save', target(data), s.quantri, 'INVALID_INPUT', /thư mục dữ liệu/);
    await refused('publishing.targets.save', target(`${data}/`), s.quantri, 'INVALID_INPUT', /thư mục dữ liệu/);
    await refused('publishing.targets.save', target(dirname(data)), s.quantri, 'INVALID_INPUT', /thư mục dữ liệu/);
    await refused('publishing.targets.save', target(join(data, 'images')), s.quantri, 'INVALID_INPUT', /“site”/);
    await refused(
      'publishing.targets.save',
      target(join(data, 'site', '..', 'x')),
      s.quantri,
      'INVALID_INPUT',
      /“site”/,
    );
  });

  it('must be a folder the app can create and write', async () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    await refused(
      'publishing.targets.save',
      target(join(file, 'www')),
      s.quantri,
      'INVALID_INPUT',
      /không tạo hoặc không ghi được/,
    );
    await refused(
      'publishing.targets.save',
      target('/dev/null/www'),
      s.quantri,
      'INVALID_INPUT',
      /thư mục của hệ điều hành/,
    );
    for (const folder of ['/proc/bientap-site', '/sys/www', '/dev/www']) {
      await refused('publishing.targets.save', target(folder), s.quantri, 'INVALID_INPUT', /thư mục của hệ điều hành/);
    }
  });

  it('is created when it does not exist yet, and may be the site folder of the data folder', async () => {
    const fresh = join(core.dir, '..', `${core.dir.split(/[\\/]/).pop()}-www`, 'trang');
    try {
      const saved = await core.call('publishing.targets.save', target(fresh), s.quantri);
      expect(saved.config).toMatchObject({ kind: 'static', folder: fresh });
      expect(existsSync(fresh)).toBe(true);
    } finally {
      (await import('node:fs')).rmSync(dirname(fresh), { recursive: true, force: true });
    }
    mkdirSync(join(core.dir, 'site', 'tin'), { recursive: true });
    await core.call('publishing.targets.save', target(join(core.dir, 'site', 'tin')), s.quantri);
  });
});
