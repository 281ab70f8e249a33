import { CHUNK_SIZE, chunkPath, OTHERS_ON_PAGE } from './layout';
import { chunkSchema, compareOldestFirst, type SiteEntry } from './manifest';

/** Reads a JSON file of the site through its schema, or throws what to do about a damaged one. */
export type JsonReader = <T>(sitePath: string, parse: (value: unknown) => T) => Promise<T | null>;

/** A list of the archive's entries by position, oldest first (0 is the first article published). */
export interface EntryView {
  readonly count: number;
  at(position: number): Promise<SiteEntry>;
}

/**
 * The published archive as the site keeps it: entries oldest first, a hundred to a
 * file (`.bientap/danh-muc/<k>.json`), read only as far as an operation looks. Publishing the newest
 * article reads the newest file or two, whatever the archive's size.
 */
export class Archive implements EntryView {
  private readonly chunks = new Map<number, SiteEntry[]>();

  constructor(
    private readonly read: JsonReader,
    readonly count: number,
  ) {}

  /** Chunk `k` (1-based), as stored. */
  async chunk(k: number): Promise<SiteEntry[]> {
    let entries = this.chunks.get(k);
    if (entries) return entries;
    const expected = Math.min(CHUNK_SIZE, this.count - (k - 1) * CHUNK_SIZE);
    const path = chunkPath(k);
    entries = (await this.read(path, (value) => chunkSchema.parse(value))) ?? [];
    if (entries.length !== expected) throw new ArchiveDamage(path, `cần ${expected} bài, có ${entries.length}`);
    this.chunks.set(k, entries);
    return entries;
  }

  async at(position: number): Promise<SiteEntry> {
    if (position < 0 || position >= this.count) throw new RangeError(`position ${position} of ${this.count}`);
    const entries = await this.chunk(Math.floor(position / CHUNK_SIZE) + 1);
    return entries[position % CHUNK_SIZE]!;
  }

  /**
   * Where an entry with this key stands, or would be inserted: the first position whose entry does
   * not sort before it. A binary search over the files, starting with the newest, where most
   * publishing happens.
   */
  async locate(key: Pick<SiteEntry, 'publishedAt' | 'id'>): Promise<number> {
    if (this.count === 0) return 0;
    const last = await this.at(this.count - 1);
    if (compareOldestFirst(last, key) < 0) return this.count;
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compareOldestFirst(await this.at(middle), key) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The position of the entry with this id and publishing time, or -1. */
  async find(key: Pick<SiteEntry, 'publishedAt' | 'id'>): Promise<number> {
    const position = await this.locate(key);
    return position < this.count && (await this.at(position)).id === key.id ? position : -1;
  }
}

export class ArchiveDamage extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

/**
 * The archive after one change: positions `[start, end)` of `before` replaced by `middle`; the
 * entries after them move by the difference.
 */
export class ChangedView implements EntryView {
  readonly count: number;
  readonly shift: number;

  constructor(
    readonly before: EntryView,
    readonly start: number,
    readonly end: number,
    readonly middle: readonly SiteEntry[],
  ) {
    this.shift = middle.length - (end - start);
    this.count = before.count + this.shift;
  }

  at(position: number): Promise<SiteEntry> {
    if (position < this.start) return this.before.at(position);
    if (position < this.start + this.middle.length) return Promise.resolve(this.middle[position - this.start]!);
    return this.before.at(position - this.shift);
  }
}

/** Entries `[from, to)` of a view, clamped to it. */
export async function slice(view: EntryView, from: number, to: number): Promise<SiteEntry[]> {
  const out: SiteEntry[] = [];
  for (let position = Math.max(0, from); position < Math.min(view.count, to); position++)
    out.push(await view.at(position));
  return out;
}

/**
 * "Các bài khác" of the article at `position`: the articles published just before it, newest first,
 * topped up with the ones just after when it is among the oldest. A new article therefore changes
 * no other page's list but the few nearest it.
 */
export async function neighboursAt(view: EntryView, position: number): Promise<SiteEntry[]> {
  const older = await slice(view, position - OTHERS_ON_PAGE, position);
  const newer = await slice(view, position + 1, position + 1 + OTHERS_ON_PAGE - older.length);
  return [...newer.reverse(), ...older.reverse()];
}

/** What a page shows of its neighbours: a change in any of it rewrites the page. */
export function neighbourKey(entries: readonly SiteEntry[]): string {
  return JSON.stringify(entries.map((entry) => [entry.id, entry.slug, entry.title, entry.publishedAt]));
}
