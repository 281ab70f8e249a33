import { nfc } from '../../shared/text';
import { isoNow, type CoreContext } from '../context';

export interface LexiconEntry {
  word: string;
  addedBy: string | null;
  addedAt: string;
}

export function listLexicon(ctx: CoreContext): LexiconEntry[] {
  const rows = ctx.db
    .prepare(
      `SELECT l.word, u.display_name AS added_by, l.added_at FROM lexicon_words l
       LEFT JOIN users u ON u.id = l.added_by ORDER BY l.word COLLATE NOCASE`,
    )
    .all() as { word: string; added_by: string | null; added_at: string }[];
  return rows.map((row) => ({ word: row.word, addedBy: row.added_by, addedAt: row.added_at }));
}

export function lexiconWords(ctx: CoreContext): string[] {
  return (ctx.db.prepare('SELECT word FROM lexicon_words').all() as { word: string }[]).map((row) => row.word);
}

/** Adding a word twice keeps the first entry: who added it first stays on record. */
export function addLexiconWord(ctx: CoreContext, word: string, userId: string): LexiconEntry {
  const clean = nfc(word.trim());
  ctx.db
    .prepare('INSERT INTO lexicon_words (word, added_by, added_at) VALUES (?, ?, ?) ON CONFLICT (word) DO NOTHING')
    .run(clean, userId, isoNow(ctx));
  return listLexicon(ctx).find((entry) => entry.word === clean)!;
}

export function removeLexiconWord(ctx: CoreContext, word: string): boolean {
  return ctx.db.prepare('DELETE FROM lexicon_words WHERE word = ?').run(nfc(word.trim())).changes > 0;
}
