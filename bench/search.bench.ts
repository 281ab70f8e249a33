import type { Db } from '../src/core/db/connection';
import { searchArticles } from '../src/core/search/search';
import { matchExpression, parseQuery, searchInputSchema, searchOutputSchema } from '../src/shared/search';
import type { NotedRow } from './editor.bench';
import { openCorpus } from './search/corpus';
import { interleave, summarize } from './lib/stats';

const ARTICLES = 100_000;
const ROUNDS = 40;
/** As-you-type results must show within this, whatever the query matches. */
const QUICK_TARGET_MS = 50;
/** A full ranked page may cost at most this much more than FTS5 ranking alone. */
const RANKED_TARGET_RATIO = 1.2;

/** Queries by kind; `typing` means the last word is still being typed (prefix). */
const FAMILIES: { name: string; typing: boolean; queries: string[] }[] = [
  { name: 'không dấu', typing: false, queries: ['duong pho', 'dang bo', 'van hoa', 'thanh nien', 'le hoi'] },
  { name: 'có dấu', typing: false, queries: ['đường phố', 'Đảng bộ', 'hòa bình', 'Tổ quốc', 'văn hoá'] },
  {
    name: 'cụm từ',
    typing: false,
    queries: ['"to quoc"', '"van hoa"', '"dang bo thanh pho"', '"song huong"', '"le hoi"'],
  },
  { name: 'tiền tố (đang gõ)', typing: true, queries: ['duo', 'van ho', 'thanh ph', 'nguo', 'le h'] },
];

/** What the API does for one call, minus the session lookup: validate input, search, validate output. */
function apiSearch(db: Db, input: unknown) {
  return searchOutputSchema.parse(searchArticles(db, searchInputSchema.parse(input)));
}

/** The baseline: FTS5 alone ranking every folded match by its own `rank` (bm25, title weighs most). */
function rawRanked(db: Db, query: string, typing: boolean, limit = 20): number[] {
  return db
    .prepare('SELECT rowid FROM search_folded WHERE search_folded MATCH ? ORDER BY rank LIMIT ?')
    .pluck()
    .all(matchExpression(parseQuery(query, typing), 'folded'), limit) as number[];
}

/**
 * The first page relevance should give, computed apart from the app's code: FTS5's ranking of every
 * match of the archive, with those that have every marked word exactly as typed moved first.
 */
function expectedRanked(db: Db, query: string, typing: boolean): number[] {
  const marked = parseQuery(query, typing).filter((term) => term.exact !== null);
  if (marked.length === 0) return rawRanked(db, query, typing);
  const all = rawRanked(db, query, typing, -1);
  const exact = new Set(
    db
      .prepare('SELECT rowid FROM search_exact WHERE search_exact MATCH ?')
      .pluck()
      .all(matchExpression(marked, 'exact')) as number[],
  );
  return [...all.filter((d) => exact.has(d)), ...all.filter((d) => !exact.has(d))].slice(0, 20);
}

/** How many of `reference` (20, or fewer when fewer match) the ranked page also shows. */
function overlap(db: Db, query: string, typing: boolean, reference: number[]): { shared: number; of: number } {
  const mine = new Set(apiSearch(db, { query, typing }).items.map((hit) => hit.id));
  const ids = db.prepare('SELECT article_id FROM search_docs WHERE docid = ?').pluck();
  return { shared: reference.filter((docid) => mine.has(ids.get(docid) as string)).length, of: reference.length };
}

const verdict = (ok: boolean) => (ok ? 'ĐẠT' : 'CHƯA ĐẠT');

export async function benchSearch(): Promise<NotedRow[]> {
  const db = openCorpus(ARTICLES, (line) => console.log(line));
  try {
    const rows: NotedRow[] = [];
    for (const family of FAMILIES) {
      const pick = (round: number) => family.queries[round % family.queries.length]!;
      for (const query of family.queries) apiSearch(db, { query, typing: family.typing });
      const samples = await interleave(ROUNDS, {
        quick: (round) => void apiSearch(db, { query: pick(round), typing: family.typing, mode: 'quick' }),
        ranked: (round) => void apiSearch(db, { query: pick(round), typing: family.typing }),
        raw: (round) => void rawRanked(db, pick(round), family.typing),
      });
      const raw = summarize(samples.raw!);
      const quick = summarize(samples.quick!);
      const ranked = summarize(samples.ranked!);
      const vsRaw = family.queries.map((query) =>
        overlap(db, query, family.typing, rawRanked(db, query, family.typing)),
      );
      const vsExpected = family.queries.map((query) =>
        overlap(db, query, family.typing, expectedRanked(db, query, family.typing)),
      );
      const listed = (counts: { shared: number; of: number }[]) =>
        family.queries.map((query, i) => `${query} ${counts[i]!.shared}/${counts[i]!.of}`).join(', ');
      rows.push(
        {
          name: `tìm khi đang gõ (trang đầu, mới nhất), ${family.name}: ${ARTICLES.toLocaleString('vi-VN')} bài`,
          measured: quick,
          baseline: raw,
          baselineName: 'FTS5 MATCH … ORDER BY rank LIMIT 20',
          unit: 'ms',
          notes: [
            `  mục tiêu p95 ≤ ${QUICK_TARGET_MS} ms: ${verdict(quick.p95 <= QUICK_TARGET_MS)} (${quick.p95.toFixed(1)} ms)`,
          ],
        },
        {
          name: `trang xếp theo liên quan (toàn bộ kho), ${family.name}`,
          measured: ranked,
          baseline: raw,
          baselineName: 'FTS5 MATCH … ORDER BY rank LIMIT 20',
          unit: 'ms',
          notes: [
            `  mục tiêu p95 ≤ ${RANKED_TARGET_RATIO}× mốc: ${verdict(ranked.p95 <= RANKED_TARGET_RATIO * raw.p95)} (${(ranked.p95 / raw.p95).toFixed(2)}×)`,
            `  mục tiêu xếp trên mọi bài khớp của kho (trang đầu trùng hết với thứ hạng FTS5 trên toàn kho, bài đúng dấu trước): ${verdict(vsExpected.every((n) => n.shared === n.of))} — ${listed(vsExpected)}`,
            `  trùng với 20 bài đầu của mốc (chỉ bm25, không xét dấu gõ vào): ${listed(vsRaw)}`,
          ],
        },
      );
    }
    return rows;
  } finally {
    db.close();
  }
}
