/**
 * Keeps the search indexes in step with `articles`, off the save. A write to an article queues its
 * id in `search_queue` inside the saving transaction (migration 006); this file folds and indexes
 * queued articles, a batch per transaction, each batch removing its ids from the queue in the same
 * transaction that indexes them. A crash at any point leaves the id queued, and it is indexed at the
 * next start: nothing saved is lost to search.
 */
import { bylineName } from '../../shared/organisation';
import { exactForm, searchFold } from '../../shared/search';
import type { Db } from '../db/connection';

interface QueuedRow {
  article_id: string;
  title: string | null;
  summary: string | null;
  body_text: string | null;
  byline: string | null;
  tags_json: string | null;
}

const statements = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  return {
    pending: db.prepare('SELECT 1 FROM search_queue LIMIT 1').pluck(),
    // Oldest change first: a document's number is the order of last change, which date order relies on.
    batch: db.prepare(
      `SELECT q.article_id, a.title, a.summary, a.body_text, a.byline, a.tags_json
       FROM search_queue q LEFT JOIN articles a ON a.id = q.article_id
       ORDER BY a.updated_at, q.seq LIMIT ?`,
    ),
    oldDoc: db.prepare('SELECT docid FROM search_docs WHERE article_id = ?').pluck(),
    deleteFolded: db.prepare('DELETE FROM search_folded WHERE rowid = ?'),
    deleteExact: db.prepare('DELETE FROM search_exact WHERE rowid = ?'),
    deleteDoc: db.prepare('DELETE FROM search_docs WHERE docid = ?'),
    insertDoc: db.prepare('INSERT INTO search_docs (article_id) VALUES (?) RETURNING docid').pluck(),
    insertFolded: db.prepare(
      'INSERT INTO search_folded (rowid, title, summary, body, byline, tags) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertExact: db.prepare('INSERT INTO search_exact (rowid, text) VALUES (?, ?)'),
    dequeue: db.prepare('DELETE FROM search_queue WHERE article_id = ?'),
  };
}

function statementsFor(db: Db) {
  let prepared = statements.get(db);
  if (!prepared) {
    prepared = prepare(db);
    statements.set(db, prepared);
  }
  return prepared;
}

/** Whether any saved article still waits to be indexed. */
export function hasPendingIndexing(db: Db): boolean {
  return statementsFor(db).pending.get() !== undefined;
}

/**
 * Indexes up to `max` queued articles in one transaction; returns how many it took off the queue.
 * An article deleted since it was queued has nothing left to index (its delete trigger removed its
 * rows); its id just leaves the queue.
 */
export function indexBatch(db: Db, max: number): number {
  const s = statementsFor(db);
  // Committed with the connection's full sync, as a save is: left to the next save's sync, this
  // batch's pages would be flushed inside that save and lengthen it.
  return db
    .transaction(() => {
      const rows = s.batch.all(max) as QueuedRow[];
      for (const row of rows) {
        const old = s.oldDoc.get(row.article_id) as number | undefined;
        if (old !== undefined) {
          s.deleteFolded.run(old);
          s.deleteExact.run(old);
          s.deleteDoc.run(old);
        }
        if (row.title !== null) {
          // The byline's name is searched; its unit, the same on nearly every article, is not.
          const byline = bylineName(row.byline ?? '');
          const texts = [row.title, row.summary ?? '', row.body_text ?? '', byline, row.tags_json ?? ''];
          // A new, higher number: document order stays the order of last change.
          const docid = s.insertDoc.get(row.article_id) as number;
          s.insertFolded.run(docid, ...texts.map(searchFold));
          s.insertExact.run(docid, exactForm(texts.join(' ')));
        }
        s.dequeue.run(row.article_id);
      }
      return rows.length;
    })
    .immediate();
}

/** Indexes everything queued, so a search that follows sees every saved article. */
export function flushSearchIndex(db: Db): void {
  if (!hasPendingIndexing(db)) return;
  while (indexBatch(db, 200) > 0);
}

export interface IndexerOptions {
  /** Wait this long after a save before indexing, so a burst of autosaves is indexed once. */
  delayMs?: number;
  /** Articles per transaction: small enough that a save waiting behind one is not held up long. */
  batchSize?: number;
  log?: (message: string) => void;
}

/**
 * Runs the indexing in the background of a running core: on start (catching up on whatever a crash
 * or another program left queued) and shortly after each change, a small batch at a time with the
 * event loop free between batches.
 */
export class SearchIndexer {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly delayMs: number;
  private readonly batchSize: number;

  constructor(
    private readonly db: Db,
    private readonly options: IndexerOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 1000;
    this.batchSize = options.batchSize ?? 8;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** An article changed: index it soon. */
  kick(): void {
    this.schedule(this.delayMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delay: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runBatch();
    }, delay);
  }

  private runBatch(): void {
    if (this.stopped || !this.db.open) return;
    try {
      if (indexBatch(this.db, this.batchSize) === this.batchSize) this.schedule(0);
    } catch (error) {
      // Another program holding the database, most likely; the queue keeps the work for later.
      this.options.log?.(`Chưa cập nhật được chỉ mục tìm kiếm, sẽ thử lại: ${(error as Error).message}`);
      this.schedule(this.delayMs * 8);
    }
  }
}
