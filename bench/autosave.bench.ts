import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { emptyEditorState, paragraphNode, textNode } from '../src/core/articles/editorState';
import { flushSearchIndex } from '../src/core/search/indexer';
import { openSeededCore, tempDir } from '../src/core/testkit';
import { parsePortalArticle } from '../src/core/demo/sampleArticle';
import type { EditorState } from '../src/shared/domain';
import { interleave, ratio, summarize, type Summary } from './lib/stats';

/** A save may cost at most this many times the raw upsert of the same bytes (p95). */
const SAVE_TARGET_RATIO = 2;

export interface BenchRow {
  name: string;
  measured: Summary;
  baseline: Summary;
  baselineName: string;
  unit: string;
}

/** A 5,000-word article built from the sample article's own sentences. */
function longArticle(words: number): EditorState {
  const sample = parsePortalArticle(readFileSync(new URL('../fixtures/sample-article.txt', import.meta.url), 'utf8'));
  const paragraphs: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const paragraph = sample.paragraphs[i % sample.paragraphs.length]!;
    paragraphs.push(paragraph);
    count += paragraph.split(/\s+/).length;
  }
  const state = emptyEditorState();
  state.root.children = paragraphs.map((p) => paragraphNode([textNode(p)]));
  return state;
}

/** Types one more word into the middle paragraph: each save differs, as autosave does. */
function withTypedWord(state: EditorState, round: number): EditorState {
  const children = [...state.root.children];
  const middle = Math.floor(children.length / 2);
  const paragraph = children[middle]!;
  const text = paragraph.children![0]!.text!;
  children[middle] = { ...paragraph, children: [textNode(`${text} từ${round}`)] };
  return { root: { ...state.root, children } };
}

export async function benchAutosave(rounds = 300): Promise<(BenchRow & { notes?: string[] })[]> {
  const { core, sessions } = await openSeededCore();
  const session = sessions.phongvien!;
  const { id } = await core.call('articles.create', { title: 'Bài dài' }, session);
  const base = longArticle(5000);
  let version = 1;

  const rawDir = tempDir('bientap-bench-raw-');
  const raw = new Database(join(rawDir, 'raw.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('CREATE TABLE docs (id TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT');
  const upsert = raw.prepare(
    'INSERT INTO docs (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
  );

  try {
    const samples = await interleave(rounds, {
      biên_tập: async (round) => {
        const result = await core.dispatch({
          method: 'articles.save',
          session,
          input: { id, baseVersion: version, title: 'Bài dài', summary: '', body: withTypedWord(base, round) },
        });
        if (!result.ok) throw new Error(result.error.message);
        version = (result.value as { version: number }).version;
        // Spread the saves over time as typing would, so revisions coalesce and then roll over.
        core.clock.advance(3_000);
      },
      // What the app's indexer does a moment after the save, outside it: timed apart from the save.
      chỉ_mục: () => flushSearchIndex(core.db),
      raw: (round) => {
        upsert.run(id, JSON.stringify(withTypedWord(base, round)));
      },
    });
    const measured = summarize(samples['biên_tập']!.slice(20));
    const indexing = summarize(samples['chỉ_mục']!.slice(20));
    const baseline = summarize(samples.raw!.slice(20));
    const ratio95 = measured.p95 / baseline.p95;
    return [
      {
        name: 'autosave 5.000 từ (articles.save qua dispatcher)',
        measured,
        baseline,
        baselineName: 'better-sqlite3 upsert, synchronous=FULL',
        unit: 'ms',
        notes: [
          `  mục tiêu p95 ≤ ${SAVE_TARGET_RATIO}× mốc: ${ratio95 <= SAVE_TARGET_RATIO ? 'ĐẠT' : 'CHƯA ĐẠT'} (${ratio95.toFixed(2)}×)`,
        ],
      },
      {
        name: 'cập nhật chỉ mục tìm kiếm cho bài vừa lưu (chạy sau, ngoài lượt lưu)',
        measured: indexing,
        baseline,
        baselineName: 'better-sqlite3 upsert, synchronous=FULL',
        unit: 'ms',
      },
    ];
  } finally {
    raw.close();
    rmSync(rawDir, { recursive: true, force: true });
    core.close();
  }
}

export { ratio };
