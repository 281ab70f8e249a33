import type { Db } from '../src/core/db/connection';
import { RANKED_CANDIDATES, searchArticles } from '../src/core/search/search';
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

function rawRanked(db: Db, query: string, typing: boolean): number[] {
  return db
    .prepare('SELECT rowid FROM search_folded WHERE search_folded MATCH ? ORDER BY rank LIMIT 20')
    .pluck()
    .all(matchExpression(parseQuery(query, typing), 'folded')) as number[];
}

/** How many of the raw top 20 the ranked page also shows: the price of ranking a bounded set. */
function overlap(db: Db, query: string, typing: boolean): number {
  const mine = new Set(apiSearch(db, { query, typing }).items.map((hit) => hit.id));
  const raw = rawRanked(db, query, typing);
  const ids = db.prepare('SELECT article_id FROM search_docs WHERE docid = ?').pluck();
  return raw.filter((docid) => mine.has(ids.get(docid) as string)).length;
}

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
      const overlaps = family.queries.map((query) => `${query} ${overlap(db, query, family.typing)}/20`);
      rows.push(
        {
          name: `tìm khi đang gõ (trang đầu, mới nhất), ${family.name}: ${ARTICLES.toLocaleString('vi-VN')} bài`,
          measured: quick,
          baseline: raw,
          baselineName: 'FTS5 MATCH … ORDER BY rank LIMIT 20',
          unit: 'ms',
          notes: [
            `  mục tiêu p95 ≤ ${QUICK_TARGET_MS} ms: ${quick.p95 <= QUICK_TARGET_MS ? 'ĐẠT' : 'CHƯA ĐẠT'} (${quick.p95.toFixed(1)} ms)`,
          ],
        },
        {
          name: `trang xếp theo liên quan, ${family.name}`,
          measured: ranked,
          baseline: raw,
          baselineName: 'FTS5 MATCH … ORDER BY rank LIMIT 20',
          unit: 'ms',
          notes: [
            `  mục tiêu p95 ≤ ${RANKED_TARGET_RATIO}× mốc: ${ranked.p95 <= RANKED_TARGET_RATIO * raw.p95 ? 'ĐẠT' : 'CHƯA ĐẠT'}`,
            `  trùng với 20 bài đầu của mốc (xếp trên ${RANKED_CANDIDATES} bài khớp mới nhất): ${overlaps.join(', ')}`,
          ],
        },
      );
    }
    return rows;
  } finally {
    db.close();
  }
}
