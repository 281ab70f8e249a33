import { openReadOnly } from '../db/binding';

export interface ReadableArticle {
  title: string;
  summary: string;
  byline: string;
  status: string;
  updatedAt: string;
  bodyText: string;
}

/** Rows are numbered in order of creation; past the last one read, this many misses in a row end the search. */
const GIVE_UP_AFTER = 500;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * What can still be read of the articles in a damaged file, read-only (the file and its WAL are not
 * touched). A scan stops at the first damaged page; the rows beyond it are then looked up one by one,
 * which reaches every row whose own page is intact. Null when the file does not read as a database at all.
 */
export function readableArticles(file: string): ReadableArticle[] | null {
  let db;
  try {
    db = openReadOnly(file);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch {
    db?.close();
    return null;
  }
  try {
    const found = new Map<number, ReadableArticle>();
    const take = (row: Record<string, unknown>) =>
      found.set(Number(row.rowid), {
        title: text(row.title),
        summary: text(row.summary),
        byline: text(row.byline),
        status: text(row.status),
        updatedAt: text(row.updated_at),
        bodyText: text(row.body_text),
      });
    let last = 0;
    try {
      for (const row of db.prepare('SELECT rowid, * FROM articles ORDER BY rowid').iterate()) {
        take(row as Record<string, unknown>);
        last = Number((row as { rowid: number }).rowid);
      }
      return [...found.values()];
    } catch {
      // A damaged page: look past it row by row.
    }
    const one = (() => {
      try {
        return db.prepare('SELECT rowid, * FROM articles WHERE rowid = ?');
      } catch {
        return null;
      }
    })();
    if (!one) return [...found.values()];
    for (let rowid = last + 1, misses = 0; misses < GIVE_UP_AFTER; rowid++) {
      try {
        const row = one.get(rowid) as Record<string, unknown> | undefined;
        if (row) {
          take(row);
          misses = 0;
        } else misses++;
      } catch {
        misses++;
      }
    }
    return [...found.entries()].sort(([a], [b]) => a - b).map(([, article]) => article);
  } finally {
    db.close();
  }
}

/** The readable articles as one text file, to keep or to paste back into a new workstation. */
export function articlesAsText(articles: ReadableArticle[], file: string, at: Date): string {
  const head = `Các bài còn đọc được từ tệp dữ liệu bị hỏng ${file}, lấy ra lúc ${at.toISOString()}: ${articles.length} bài.\n`;
  const parts = articles.map((article) =>
    [
      '════════════════════════════════════════',
      article.title || '(chưa có tiêu đề)',
      [article.byline, article.status, article.updatedAt && `cập nhật ${article.updatedAt}`]
        .filter(Boolean)
        .join(' · '),
      '',
      ...(article.summary ? [article.summary, ''] : []),
      article.bodyText,
      '',
    ].join('\n'),
  );
  return [head, ...parts].join('\n');
}
