import * as Y from 'yjs';
import { compactUpdates } from '../shared/collab/compact';
import type { ServerDb } from './db';

/** The update of an empty document. */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

/**
 * Each document is a log of Yjs updates in office.sqlite. An update is appended the moment the
 * document accepts it, synchronously and before the server acknowledges it to the sender, so a
 * SIGKILL loses nothing acknowledged. Loading merges the log; once a log grows past the threshold
 * it is merged into one row in a transaction (Yjs updates merge without loss, in any order).
 */
export class DocumentStore {
  private readonly counts = new Map<string, number>();
  private readonly insert;
  private readonly select;
  private readonly count;
  private readonly remove;
  private closed = false;

  constructor(
    private readonly db: ServerDb,
    /** Merge a document's log into one row once it has more rows than this. */
    readonly compactAbove = 200,
  ) {
    this.insert = db.prepare('INSERT INTO document_updates (document, data, received_at) VALUES (?, ?, ?)');
    this.select = db.prepare('SELECT id, data FROM document_updates WHERE document = ? ORDER BY id');
    this.count = db.prepare('SELECT count(*) AS n FROM document_updates WHERE document = ?');
    this.remove = db.prepare('DELETE FROM document_updates WHERE document = ? AND id <= ?');
  }

  /** The whole document as one update (empty document: an empty update). */
  load(document: string): Uint8Array {
    const rows = this.select.all(document) as { id: number; data: Buffer }[];
    this.counts.set(document, rows.length);
    if (rows.length === 0) return EMPTY_UPDATE;
    return Y.mergeUpdates(rows.map((row) => new Uint8Array(row.data)));
  }

  /** Appends one update; true when the log is now long enough to compact. Throws once closed (nothing then gets acknowledged). */
  append(document: string, update: Uint8Array): boolean {
    if (this.closed) throw new Error('Kho tài liệu đã đóng.');
    this.insert.run(document, Buffer.from(update.buffer, update.byteOffset, update.byteLength), Date.now());
    const rows = (this.counts.get(document) ?? this.rowCount(document) - 1) + 1;
    this.counts.set(document, rows);
    return rows > this.compactAbove;
  }

  rowCount(document: string): number {
    return (this.count.get(document) as { n: number }).n;
  }

  /** Merges the log into one row, atomically: a crash leaves either the old rows or the merged one. */
  compact(document: string): void {
    if (this.closed) return;
    this.db
      .transaction(() => {
        const rows = this.select.all(document) as { id: number; data: Buffer }[];
        const last = rows.at(-1);
        if (rows.length <= 1 || !last) return;
        const merged = compactUpdates(rows.map((row) => new Uint8Array(row.data)));
        this.remove.run(document, last.id);
        this.insert.run(document, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength), Date.now());
      })
      .immediate();
    this.counts.set(document, this.rowCount(document));
  }

  /** Forgets a document's row count when it leaves memory. */
  forget(document: string): void {
    this.counts.delete(document);
  }

  close(): void {
    this.closed = true;
  }
}
