import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openCore, type Core } from '../src/core';
import { vietnameseArticle, withTypedWord } from './article';
import { latency, type Latency } from './stats';

export interface AutosaveResult {
  words: number;
  bytes: number;
  iterations: number;
  core: Latency;
  raw: Latency;
  ratio: Latency;
}

export interface AutosaveOptions {
  /** A fresh folder for both databases; it is removed afterwards. */
  dir: string;
  iterations?: number;
  warmup?: number;
  words?: number;
}

async function call<T>(core: Core, method: string, input: unknown, session: string | null): Promise<T> {
  const result = await core.dispatch({ method, session, input });
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** The floor: one upsert of the same JSON text into a STRICT table, in WAL with synchronous=FULL. */
function openRaw(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE doc (id TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT');
  const upsert = db.prepare(
    'INSERT INTO doc (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
  );
  return { save: (id: string, body: string) => upsert.run(id, body), close: () => db.close() };
}

/**
 * Autosave of one long article: the core's `articles.save` (envelope parsed from JSON as a
 * transport receives it, validated, permission-checked, written with its revision) against the
 * raw upsert of the same bytes. The two alternate, so both see the same disk and the same load.
 */
export async function benchAutosave(options: AutosaveOptions): Promise<AutosaveResult> {
  const { dir, iterations = 200, warmup = 20, words = 5_000 } = options;
  mkdirSync(dir, { recursive: true });
  const core = openCore({ dataDir: path.join(dir, 'core') });
  const raw = openRaw(path.join(dir, 'raw.sqlite'));
  try {
    const { session } = await call<{ session: string }>(
      core,
      'setup.createAdmin',
      { username: 'dokiemtra', displayName: 'Đo Kiểm Tra', password: 'mật khẩu đo kiểm 2021' },
      null,
    );
    const article = vietnameseArticle(words);
    const created = await call<{ id: string; version: number }>(
      core,
      'articles.create',
      { title: article.title },
      session,
    );
    let version = created.version;
    const coreSamples: number[] = [];
    const rawSamples: number[] = [];
    let bytes = 0;

    for (let i = 0; i < warmup + iterations; i++) {
      const body = withTypedWord(article.body, i);
      const input = { id: created.id, baseVersion: version, title: article.title, summary: '', body };
      const request = JSON.stringify({ method: 'articles.save', session, input });
      const bodyText = JSON.stringify(body);
      bytes = Buffer.byteLength(bodyText);

      let started = performance.now();
      const result = await core.dispatch(JSON.parse(request));
      const coreMs = performance.now() - started;
      if (!result.ok) throw new Error(`articles.save: ${result.error.code} ${result.error.message}`);
      version = (result.value as { version: number }).version;

      started = performance.now();
      raw.save(created.id, bodyText);
      const rawMs = performance.now() - started;

      if (i >= warmup) {
        coreSamples.push(coreMs);
        rawSamples.push(rawMs);
      }
    }

    const coreLatency = latency(coreSamples);
    const rawLatency = latency(rawSamples);
    return {
      words: article.words,
      bytes,
      iterations,
      core: coreLatency,
      raw: rawLatency,
      ratio: { p50: coreLatency.p50 / rawLatency.p50, p95: coreLatency.p95 / rawLatency.p95 },
    };
  } finally {
    raw.close();
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
