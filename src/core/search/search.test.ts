import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../shared/search';
import { body } from '../reviewkit';
import { openSeededCore, type TestCore } from '../testkit';

let core: TestCore;
let s: Record<string, string>;
beforeEach(async () => {
  ({ core, sessions: s } = await openSeededCore());
});
afterEach(() => core.close());

interface Draft {
  title: string;
  text: string;
  summary?: string;
  category?: string;
  tags?: string[];
}

async function write(author: string, draft: Draft): Promise<string> {
  const { id } = await core.call('articles.create', {}, author);
  await core.call(
    'articles.save',
    {
      id,
      baseVersion: 1,
      title: draft.title,
      summary: draft.summary ?? '',
      body: body(draft.text),
      category: draft.category,
      tags: draft.tags,
    },
    author,
  );
  // Each article is written a minute after the one before, so "newest" means something.
  core.clock.advance(60_000);
  return id;
}

type Input = Parameters<typeof core.call<'articles.search'>>[1];
const search = (input: Input, who = s.bientap) => core.call('articles.search', input, who);
const titles = (hits: SearchHit[]) => hits.map((hit) => hit.title);
const marked = (text: string, ranges: { start: number; end: number }[]) =>
  ranges.map((r) => text.slice(r.start, r.end));

describe('articles.search', () => {
  it('finds Vietnamese words typed without marks, in NFD or in capitals, and marks them on the original text', async () => {
    await write(s.phongvien!, { title: 'Con đường di sản', text: 'Đoàn đi trên đường Lê Lợi, qua cầu Trường Tiền.' });
    await write(s.phongvien!, { title: 'Hội nghị Đảng bộ thành phố', text: 'Đảng bộ thành phố họp phiên thường kỳ.' });
    await write(s.phongvien!, { title: 'Bảo vệ Tổ quốc', text: 'Thanh niên sẵn sàng lên đường bảo vệ Tổ quốc.' });
    await write(s.phongvien!, { title: 'Hòa nhạc', text: 'Buổi hòa nhạc mừng ngày hoà bình.' });
    await write(s.phongvien!, { title: 'Khác', text: 'Không có gì liên quan.' });

    expect(titles((await search({ query: 'duong', sort: 'date' })).items)).toEqual([
      'Bảo vệ Tổ quốc',
      'Con đường di sản',
    ]);
    expect(titles((await search({ query: 'dang bo' })).items)).toEqual(['Hội nghị Đảng bộ thành phố']);
    expect(titles((await search({ query: 'to quoc' })).items)).toEqual(['Bảo vệ Tổ quốc']);
    expect(titles((await search({ query: 'TỔ QUỐC'.normalize('NFD') })).items)).toEqual(['Bảo vệ Tổ quốc']);
    expect(titles((await search({ query: 'ĐẢNG BỘ' })).items)).toEqual(['Hội nghị Đảng bộ thành phố']);
    expect(titles((await search({ query: 'DUONG LE LOI' })).items)).toEqual(['Con đường di sản']);

    const hoa = (await search({ query: 'hoa' })).items;
    expect(titles(hoa)).toEqual(['Hòa nhạc']);
    expect(marked(hoa[0]!.snippet.text, hoa[0]!.snippet.highlights)).toEqual(['hòa', 'hoà']);
    expect(marked(hoa[0]!.title, hoa[0]!.titleHighlights)).toEqual(['Hòa']);

    const [road] = (await search({ query: 'duong' })).items.filter((hit) => hit.title === 'Con đường di sản');
    expect(marked(road!.title, road!.titleHighlights)).toEqual(['đường']);
    expect(marked(road!.snippet.text, road!.snippet.highlights)).toEqual(['đường']);
  });

  it('ranks matches with the typed marks first, treating old and new tone placement as the same word', async () => {
    await write(s.phongvien!, { title: 'Hóa học', text: 'Thí nghiệm hóa học cho học sinh.' });
    await write(s.phongvien!, { title: 'Hoà bình', text: 'Ngày hoà bình.' });
    await write(s.phongvien!, { title: 'Hòa giải', text: 'Tổ hòa giải ở cơ sở.' });
    await write(s.phongvien!, { title: 'Hoa mai', text: 'Hoa mai nở sớm.' });

    for (const query of ['hòa', 'hoà', 'HOÀ', 'hòa'.normalize('NFD')]) {
      const hits = (await search({ query })).items;
      expect(
        hits
          .slice(0, 2)
          .map((h) => [h.title, h.exact])
          .sort(),
        query,
      ).toEqual([
        ['Hoà bình', true],
        ['Hòa giải', true],
      ]);
      expect(
        hits
          .slice(2)
          .map((h) => [h.title, h.exact])
          .sort(),
        query,
      ).toEqual([
        ['Hoa mai', false],
        ['Hóa học', false],
      ]);
    }
    // The same tiers under a filter, in either order and as you type.
    const filtered = (await search({ query: 'hoà', filters: { status: 'draft' } })).items;
    expect(filtered.map((hit) => hit.exact)).toEqual([true, true, false, false]);
    const drafts = (await search({ query: 'hoà', filters: { status: 'draft' }, sort: 'date' })).items;
    expect(drafts.filter((hit) => hit.exact).map((hit) => hit.title)).toEqual(['Hòa giải', 'Hoà bình']);
    const typed = (await search({ query: 'hoà', typing: true, mode: 'quick' })).items;
    expect(typed.filter((hit) => hit.exact).map((hit) => hit.title)).toEqual(['Hòa giải', 'Hoà bình']);
    // Without marks nothing is compared exactly: every form of the word is found alike.
    const plain = (await search({ query: 'hoa' })).items;
    expect(plain).toHaveLength(4);
    expect(plain.every((hit) => !hit.exact)).toBe(true);
  });

  it('matches the word being typed as a prefix, and phrases only as phrases', async () => {
    await write(s.phongvien!, { title: 'Đường phố', text: 'Sửa đường phố cổ.' });
    await write(s.phongvien!, { title: 'Tổ quốc', text: 'Tổ quốc ghi công tổ tiên, người đi xa về quê quốc.' });
    await write(s.phongvien!, { title: 'Tổ dân phố', text: 'Tổ dân phố bàn việc chung của cả quốc gia.' });

    expect(titles((await search({ query: 'duon', typing: true, mode: 'quick' })).items)).toEqual(['Đường phố']);
    expect(titles((await search({ query: 'đườ', typing: true })).items)).toEqual(['Đường phố']);
    expect((await search({ query: 'duon' })).items).toEqual([]);
    expect((await search({ query: 'duon ', typing: true })).items).toEqual([]);
    expect(titles((await search({ query: 'duon*' })).items)).toEqual(['Đường phố']);

    expect(titles((await search({ query: 'to quoc', sort: 'date' })).items)).toEqual(['Tổ dân phố', 'Tổ quốc']);
    const phrase = (await search({ query: '"to quoc"' })).items;
    expect(titles(phrase)).toEqual(['Tổ quốc']);
    // Only the phrase is marked, never its words standing alone; a prefix marks the word it began.
    expect(marked(phrase[0]!.snippet.text, phrase[0]!.snippet.highlights)).toEqual(['Tổ quốc']);
    expect(marked(phrase[0]!.title, phrase[0]!.titleHighlights)).toEqual(['Tổ quốc']);
    const words = (await search({ query: 'to quoc' })).items.find((hit) => hit.title === 'Tổ quốc')!;
    expect(marked(words.snippet.text, words.snippet.highlights)).toEqual(['Tổ quốc', 'tổ', 'quốc']);
    for (const query of ['"to quoc"', '"TỔ QUỐC"', '"to quo']) {
      const quick = await search({ query, mode: 'quick', typing: true });
      expect(titles(quick.items), query).toEqual(['Tổ quốc']);
      expect(quick.hasMore).toBe(false);
    }
    // Quotes, stars and brackets typed by a user are words, never FTS5 syntax.
    expect((await search({ query: 'NEAR( "to" OR) quoc -' })).items).toEqual([]);
  });

  it('offers the nearest spelling the archive holds when a query finds nothing', async () => {
    await write(s.phongvien!, { title: 'Lễ hội đường phố', text: 'Phường Phú Xuân tổ chức lễ hội đường phố.' });
    await write(s.phongvien!, { title: 'Phố đi bộ', text: 'Phố đi bộ mở cửa cuối tuần.' });
    const missed = await search({ query: 'le hoi duongg phuongg' });
    expect(missed.items).toEqual([]);
    expect(missed.suggestion).toBe('le hoi duong phuong');
    // The suggestion finds what was meant.
    expect(titles((await search({ query: missed.suggestion! })).items)).toEqual(['Lễ hội đường phố']);
    // A query that finds something, or one nothing is near, suggests nothing.
    expect((await search({ query: 'duong' })).suggestion ?? null).toBeNull();
    expect((await search({ query: 'xyzqw' })).suggestion).toBeNull();
    // Swapped letters are one edit.
    expect((await search({ query: 'phuogn' })).suggestion).toBe('phuong');
    // A reporter, who reads only her own articles, is offered no words from the rest of the archive.
    expect((await search({ query: 'duongg' }, s.phongvien2)).suggestion ?? null).toBeNull();
  });

  it('lets a reporter find only what they may read; editors find everyone', async () => {
    await write(s.phongvien!, { title: 'Đường của Ly', text: 'đường' });
    await write(s.phongvien2!, { title: 'Đường của Bình', text: 'đường' });
    const me = await core.call('auth.me', {}, s.phongvien);
    const other = await core.call('auth.me', {}, s.phongvien2);

    expect(titles((await search({ query: 'duong' }, s.phongvien)).items)).toEqual(['Đường của Ly']);
    expect((await search({ query: 'duong', filters: { authorId: other.id } }, s.phongvien)).items).toEqual([]);
    expect((await search({ query: '', sort: 'date' }, s.phongvien)).items.map((h) => h.authorId)).toEqual([me.id]);
    expect(titles((await search({ query: 'duong', sort: 'date' }, s.bientap)).items)).toEqual([
      'Đường của Bình',
      'Đường của Ly',
    ]);
    expect(titles((await search({ query: 'duong', filters: { authorId: other.id } }, s.quantri)).items)).toEqual([
      'Đường của Bình',
    ]);
    expect((await core.tryCall('articles.search', { query: 'duong' }, null)).ok).toBe(false);
  });

  it('filters by status, category and date, and sorts by date', async () => {
    const t0 = core.clock.now.toISOString();
    const first = await write(s.phongvien!, { title: 'Lễ hội một', text: 'lễ hội', category: 'Văn hóa' });
    // write() moves the clock on a minute after each article.
    const t1 = core.clock.now.toISOString();
    await write(s.phongvien!, { title: 'Lễ hội hai', text: 'lễ hội', category: 'Thể thao' });
    const third = await write(s.phongvien!, { title: 'Lễ hội ba', text: 'lễ hội', tags: ['Festival'] });
    // Typed before the office kept a list of categories, in the other tone style: the filter still finds it.
    core.db.prepare("UPDATE articles SET category = 'Văn hoá' WHERE id = ?").run(third);
    await core.call('workflow.submit', { articleId: first }, s.phongvien);

    const q = (filters: Input['filters'], sort: 'date' | 'relevance' = 'date') =>
      search({ query: 'le hoi', filters, sort }).then((r) => titles(r.items));
    expect(await q({})).toEqual(['Lễ hội ba', 'Lễ hội hai', 'Lễ hội một']);
    expect(await q({ status: 'submitted' })).toEqual(['Lễ hội một']);
    expect(await q({ category: 'van hoa' })).toEqual(['Lễ hội ba', 'Lễ hội một']);
    expect(await q({ to: t0 })).toEqual(['Lễ hội một']);
    expect(await q({ from: new Date(Date.parse(t0) + 1).toISOString() })).toEqual(['Lễ hội ba', 'Lễ hội hai']);
    expect(await q({ from: t1, to: t1 })).toEqual(['Lễ hội hai']);
    expect(titles((await search({ query: 'festival' })).items)).toEqual(['Lễ hội ba']);

    const page1 = await search({ query: 'le hoi', sort: 'date', limit: 2 });
    const page2 = await search({ query: 'le hoi', sort: 'date', limit: 2, offset: 2 });
    expect([page1.hasMore, page2.hasMore]).toEqual([true, false]);
    expect(titles([...page1.items, ...page2.items])).toEqual(['Lễ hội ba', 'Lễ hội hai', 'Lễ hội một']);
    const ranked = await search({ query: 'le hoi', limit: 2, offset: 1 });
    expect(ranked).toMatchObject({ total: 3, totalIsLowerBound: false, hasMore: false });
  });

  it('keeps the index in step with every save, and with nothing when a save rolls back', async () => {
    const id = await write(s.phongvien!, { title: 'Cầu Trường Tiền', text: 'Cây cầu sáu vài mười hai nhịp.' });
    expect((await search({ query: 'nhip' })).items).toHaveLength(1);
    await core.call(
      'articles.save',
      { id, baseVersion: 2, title: 'Cầu Trường Tiền', summary: 'Sapo mới', body: body('Dòng sông Hương.') },
      s.phongvien,
    );
    expect((await search({ query: 'nhip' })).items).toEqual([]);
    expect(titles((await search({ query: 'song huong' })).items)).toEqual(['Cầu Trường Tiền']);

    expect(() =>
      core.db.transaction(() => {
        core.db.prepare("UPDATE articles SET title = 'Chợ Đông Ba', updated_at = 'x' WHERE id = ?").run(id);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect((await search({ query: 'cho dong ba' })).items).toEqual([]);
    expect(titles((await search({ query: 'truong tien' })).items)).toEqual(['Cầu Trường Tiền']);
    const counts = core.db
      .prepare('SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM search_docs) AS docs')
      .get();
    expect(counts).toEqual({ articles: 1, docs: 1 });
  });
});

describe('articles.search over many matches', () => {
  it('ranks every match of the archive, then pages on through the rest, each article once', async () => {
    const me = await core.call('auth.me', {}, s.phongvien);
    const insert = core.db.prepare(
      `INSERT INTO articles (id, title, summary, body_json, body_text, author_id, created_at, updated_at, updated_by)
       VALUES (?, ?, '', '{}', ?, ?, ?, ?, ?)`,
    );
    const count = 1060;
    core.db.transaction(() => {
      for (let n = 0; n < count; n++) {
        const at = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
        const id = `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
        // Every tenth article says it in the title too, which ranks it higher; the very oldest says
        // it in the title twice, which ranks it highest of all, however far back it lies.
        const title = n === 0 ? 'Đường, đường số 0' : n % 10 === 0 ? `Đường số ${n}` : `Bài ${n}`;
        // One, long ago, has the word with other marks: `dương`, not `đường`.
        insert.run(id, title, n === 1 ? 'dương phố 1' : `đường phố ${n}`, me.id, at, at, me.id);
      }
    })();

    const first = await search({ query: 'duong', limit: 20 });
    expect(first).toMatchObject({ total: 20, totalIsLowerBound: true, hasMore: true });
    expect(first.items.every((hit) => hit.title.startsWith('Đường'))).toBe(true);
    expect(first.items[0]!.title).toBe('Đường, đường số 0');
    // A filter checks matches in rank order: the same page, since every article here passes it.
    const mine = await search({ query: 'duong', limit: 20, filters: { authorId: me.id } });
    expect(mine.items.map((hit) => hit.id)).toEqual(first.items.map((hit) => hit.id));
    const deeper = { query: 'duong', limit: 20, offset: 100 };
    expect((await search({ ...deeper, filters: { authorId: me.id } })).items.map((hit) => hit.id)).toEqual(
      (await search(deeper)).items.map((hit) => hit.id),
    );
    const none = await search({ query: 'duong', filters: { status: 'published' } });
    expect(none).toMatchObject({ items: [], hasMore: false });

    const seen = new Set<string>();
    let titled = 0;
    for (let offset = 0; ; offset += 50) {
      const page = await search({ query: 'duong', limit: 50, offset });
      for (const hit of page.items) seen.add(hit.id);
      // All 106 articles with the word in the title come before any without it.
      if (offset < 100) titled += page.items.filter((hit) => hit.title.startsWith('Đường')).length;
      if (!page.hasMore) break;
    }
    expect(seen.size).toBe(count);
    expect(titled).toBe(100);

    // Typed with its marks, the word finds its one exact match first, however old and however
    // weakly bm25 ranks it, then every other form of it.
    const marked = await search({ query: 'dương', limit: 3 });
    expect(marked.items.map((hit) => [hit.title, hit.exact])).toEqual([
      ['Bài 1', true],
      ['Đường, đường số 0', false],
      [expect.stringMatching(/^Đường số/), false],
    ]);
  });
});
