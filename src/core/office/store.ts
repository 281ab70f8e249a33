import * as Y from 'yjs';
import { compactUpdates } from '../../shared/collab/compact';
import { isoNow, type CoreContext } from '../context';

/** An empty document's update (no structs, no deletions). */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

/**
 * The workstation's log of an office document's Yjs updates (table office_document_updates). An
 * update is appended synchronously, inside the Yjs transaction that produced or applied it, so
 * nothing counts as received (or made) before it is on disk. Updates made here stay `pending` until
 * the server acknowledges them; received ones never are. Loading merges the rows; once a document
 * has many acknowledged rows they are merged into one, in a transaction (Yjs updates merge without
 * loss, in any order), and pending rows are left alone so their count stays exact.
 */
export class LocalDocumentStore {
  private readonly insert;
  private readonly select;
  private readonly settledRows;
  private readonly remove;
  private readonly acknowledge;
  private readonly pendingCount;
  private readonly lastId;

  constructor(
    private readonly ctx: Pick<CoreContext, 'db' | 'now'>,
    /** Merge a document's acknowledged rows once there are more of them than this. */
    readonly compactAbove = 200,
  ) {
    const db = ctx.db;
    this.insert = db.prepare(
      'INSERT INTO office_document_updates (document, data, local, pending, received_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.select = db.prepare('SELECT data FROM office_document_updates WHERE document = ? ORDER BY id');
    this.settledRows = db.prepare(
      'SELECT id, data FROM office_document_updates WHERE document = ? AND pending = 0 ORDER BY id',
    );
    this.remove = db.prepare('DELETE FROM office_document_updates WHERE document = ? AND pending = 0 AND id <= ?');
    this.acknowledge = db.prepare(
      'UPDATE office_document_updates SET pending = 0 WHERE document = ? AND pending = 1 AND id <= ?',
    );
    this.pendingCount = db.prepare(
      'SELECT count(*) AS n FROM office_document_updates WHERE document = ? AND pending = 1',
    );
    this.lastId = db.prepare('SELECT max(id) AS id FROM office_document_updates WHERE document = ?');
  }

  /** The whole document as one update (an empty document's update when nothing is stored). */
  load(document: string): Uint8Array {
    const rows = this.select.all(document) as { data: Buffer }[];
    if (rows.length === 0) return EMPTY_UPDATE;
    return Y.mergeUpdates(rows.map((row) => new Uint8Array(row.data)));
  }

  /** Appends one update; `local` marks one made on this workstation, which waits for the server. Returns its row id. */
  append(document: string, update: Uint8Array, local: boolean): number {
    const result = this.insert.run(
      document,
      Buffer.from(update.buffer, update.byteOffset, update.byteLength),
      local ? 1 : 0,
      local ? 1 : 0,
      isoNow(this.ctx),
    );
    return Number(result.lastInsertRowid);
  }

  /** The highest row id of the document so far (0 when empty): what an acknowledgement covers. */
  mark(document: string): number {
    return (this.lastId.get(document) as { id: number | null }).id ?? 0;
  }

  /** The server holds every update of this document up to row `upTo`. */
  acknowledged(document: string, upTo: number): number {
    return this.acknowledge.run(document, upTo).changes;
  }

  pending(document: string): number {
    return (this.pendingCount.get(document) as { n: number }).n;
  }

  /** Merges the acknowledged rows into one when there are more than the threshold; atomic. */
  compactIfLong(document: string): boolean {
    return this.ctx.db
      .transaction(() => {
        const rows = this.settledRows.all(document) as { id: number; data: Buffer }[];
        const last = rows.at(-1);
        if (rows.length <= this.compactAbove || !last) return false;
        const merged = compactUpdates(rows.map((row) => new Uint8Array(row.data)));
        this.remove.run(document, last.id);
        this.insert.run(
          document,
          Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength),
          0,
          0,
          isoNow(this.ctx),
        );
        return true;
      })
      .immediate();
  }
}

/**
 * Changes made here the server does not hold yet: updates not acknowledged, across every office
 * document, and images not uploaded.
 */
export function pendingChanges(ctx: Pick<CoreContext, 'db'>): number {
  return (
    ctx.db
      .prepare(
        `SELECT (SELECT count(*) FROM office_document_updates WHERE pending = 1)
              + (SELECT count(*) FROM images WHERE hash NOT IN (SELECT hash FROM office_blobs_sent)) AS n`,
      )
      .get() as { n: number }
  ).n;
}
