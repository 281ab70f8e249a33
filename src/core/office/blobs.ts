import { AppError } from '../../shared/errors';
import { isoNow, type CoreContext } from '../context';
import { writeWithoutWaiting } from '../db/connection';
import { isArrived, nextArrivedToRender, renderArrived, storeArrived } from '../images/arrived';
import { imageHash, MAX_IMAGE_BYTES, readImageHeader } from '../images/process';
import { readImageBytes } from '../images/repo';
import type { Statement } from 'better-sqlite3';
import type { Agent } from 'node:https';
import { officeRequest, OfficeError, pinnedAgent, serverToken, type OfficeServerPin } from './client';
import type { OfficeSigner } from './connection';

// An article's images travel beside its text, as content-addressed blobs on the office server: the
// original bytes under their SHA-256, which is the image's key everywhere. A workstation uploads
// every image of its store the server is not known to hold (office_blobs_sent), and fetches every
// image its articles name that its store lacks, checking the bytes against the name and reading
// their header (under the same limits as an image a reporter inserts) before they are kept; the
// web rendition is made when the image is first shown or published, or while no transfer runs
// (src/core/images/arrived.ts), and decoding it checks the pixels as an insert does. Order does not
// matter: text that names an image not uploaded yet shows a placeholder until the image arrives.

/**
 * Images named by articles (in the body or as the featured image) that the store lacks, with the
 * article's author. Only bodies that name an image at all are walked (a start reads every article).
 */
const MISSING_SQL = `
  SELECT j.value AS hash, a.author_id AS author
    FROM (SELECT id, author_id, body_json FROM articles a WHERE instr(body_json, '"hash"') > 0 %ARTICLE%) a,
         json_tree(a.body_json) j
   WHERE j.key = 'hash' AND j.type = 'text' AND length(j.value) = 64 AND NOT j.value GLOB '*[^0-9a-f]*'
     AND NOT EXISTS (SELECT 1 FROM images i WHERE i.hash = j.value)
     AND NOT EXISTS (SELECT 1 FROM images_arrived i WHERE i.hash = j.value)
  UNION
  SELECT a.featured_image, a.author_id FROM articles a
   WHERE a.featured_image IS NOT NULL AND NOT EXISTS (SELECT 1 FROM images i WHERE i.hash = a.featured_image)
     AND NOT EXISTS (SELECT 1 FROM images_arrived i WHERE i.hash = a.featured_image) %ARTICLE%`;

/** Transfers under way at once (and connections kept open for them, one each). */
const TRANSFERS = 4;

interface Wanted {
  /** An author of an article naming it: whom the stored image is recorded as added by. */
  author: string;
  /** Why the last attempt failed, once reported. */
  problem: string | null;
}

export interface BlobSyncOptions {
  signer(): OfficeSigner | null;
  log(line: string): void;
  /** An image arrived from the server and is in the store now. */
  onStored?(hash: string): void;
  /** The transfers started (true) or all ended (false). */
  onBusy?(busy: boolean): void;
  /** True while the texts come first (their first sync under way): transfers start once it is false and kicked. */
  textsFirst?(): boolean;
  /** First retry of a failed transfer after this long, doubling up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** Uploads and fetches the images of the articles a workstation shares with the office, one at a time. */
export class BlobSync {
  private readonly wanted = new Map<string, Wanted>();
  /** Uploads the server refused for good (too large for it): not tried again until the next start. */
  private readonly refusedUploads = new Set<string>();
  private running = false;
  private again = false;
  /** Whether the link to the server is up (signed in): transfers wait for it. */
  private online = false;
  /** The last failure of a whole round, reported once until another one. */
  private lastProblem: string | null = null;
  private retry: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;
  /**
   * One kept-open connection per transfer lane, made on first use, with the token signed on it: the
   * server takes the token again on the same connection, so a lane signs one challenge, not one per image.
   */
  private readonly lanes: { agent: Agent; token: string | null; fingerprint: string }[] = [];
  /** The images one article names that the store lacks (asked for each article written from the server). */
  private missingIn: Statement | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly pin: OfficeServerPin,
    private readonly options: BlobSyncOptions,
  ) {}

  /** Whether transfers are under way. */
  get busy(): boolean {
    return this.running;
  }

  /** Why an image the articles name is not in the store yet, or null when it is not awaited. */
  awaiting(hash: string): { problem: string | null } | null {
    const wanted = this.wanted.get(hash);
    return wanted ? { problem: wanted.problem } : null;
  }

  /** Notes the images the articles (every one, or the one named) name and the store lacks; true when there are any. */
  want(articleId?: string): boolean {
    const rows = (
      articleId
        ? (this.missingIn ??= this.ctx.db.prepare(MISSING_SQL.replaceAll('%ARTICLE%', 'AND a.id = ?'))).all(
            articleId,
            articleId,
          )
        : this.ctx.db.prepare(MISSING_SQL.replaceAll('%ARTICLE%', '')).all()
    ) as { hash: string; author: string }[];
    for (const { hash, author } of rows) {
      if (!this.wanted.has(hash)) this.wanted.set(hash, { author, problem: null });
    }
    return rows.length > 0;
  }

  /** The link came up (true) or went down: transfers run only while it is up. */
  setOnline(online: boolean): void {
    this.online = online;
    if (online) this.kick();
  }

  /** Runs the transfers now (or right after the ones under way), when the link is up. */
  kick(): void {
    if (this.stopped || !this.online || this.options.textsFirst?.()) return;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.options.onBusy?.(true);
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    for (const lane of this.lanes.splice(0)) lane.agent.destroy();
  }

  /**
   * A request on lane `lane`'s kept-open connection, signed in with the token it signed in with there
   * (or a fresh one: the first request, another signer, or a refusal of the kept one, which a new
   * connection or a server restart brings).
   */
  private async request(lane: number, method: 'GET' | 'PUT', hash: string, signer: OfficeSigner, data?: Buffer) {
    let own = this.lanes[lane];
    if (!own || own.fingerprint !== signer.fingerprint) {
      own?.agent.destroy();
      own = this.lanes[lane] = { agent: pinnedAgent(this.pin, 1), token: null, fingerprint: signer.fingerprint };
    }
    const { agent } = own;
    const send = (token: string) =>
      officeRequest(this.pin, method, `/blobs/${hash}`, {
        agent,
        token,
        ...(data ? { data } : { maxBytes: MAX_IMAGE_BYTES }),
      });
    if (own.token) {
      const answer = await send(own.token);
      if (answer.status !== 401) return answer;
    }
    own.token = await serverToken(this.pin, signer, agent);
    return send(own.token);
  }

  private async run(): Promise<void> {
    let failed: boolean;
    do {
      this.again = false;
      try {
        const uploaded = await this.uploadAll();
        const fetched = await this.fetchAll();
        failed = !uploaded || !fetched;
      } catch (error) {
        failed = true;
        const problem = (error as Error).message;
        if (problem !== this.lastProblem) this.options.log(`Không trao đổi được ảnh với máy chủ văn phòng: ${problem}`);
        this.lastProblem = problem;
      }
    } while (this.again && !this.stopped && this.online);
    if (!failed) this.lastProblem = null;
    this.running = false;
    this.options.onBusy?.(false);
    if (this.stopped) return;
    void this.renderWhileIdle();
    this.failures = failed ? this.failures + 1 : 0;
    if (failed && this.online) {
      const min = this.options.minDelayMs ?? 2000;
      const wait = Math.min(this.options.maxDelayMs ?? 60_000, min * 2 ** Math.min(this.failures - 1, 20));
      this.retry = setTimeout(() => {
        this.retry = null;
        this.kick();
      }, wait);
      this.retry.unref();
    }
  }

  private rendering = false;

  /** Makes the renditions of the images that arrived, one at a time, while no transfer runs. */
  private async renderWhileIdle(): Promise<void> {
    if (this.rendering) return;
    this.rendering = true;
    try {
      while (!this.stopped && !this.running) {
        const hash = nextArrivedToRender(this.ctx.db);
        if (!hash) return;
        try {
          await renderArrived(this.ctx.db, hash);
        } catch (error) {
          this.options.log((error as Error).message);
        }
      }
    } finally {
      this.rendering = false;
    }
  }

  /** Every image the server is not known to hold goes up; false when one could not. */
  private async uploadAll(): Promise<boolean> {
    const next = this.ctx.db.prepare(
      `SELECT hash FROM images WHERE hash NOT IN (SELECT hash FROM office_blobs_sent) AND hash > ? ORDER BY hash LIMIT 1`,
    );
    let after = '';
    let ok = true;
    for (;;) {
      if (this.stopped) return ok;
      const hash = next.pluck().get(after) as string | undefined;
      if (hash === undefined) return ok;
      after = hash;
      if (this.refusedUploads.has(hash)) continue;
      const bytes = readImageBytes(this.ctx.db, hash, 'original');
      if (!bytes) continue;
      const signer = this.options.signer();
      if (!signer) return false;
      const answer = await this.request(0, 'PUT', hash, signer, bytes.bytes);
      if (answer.status === 200 || answer.status === 201) {
        this.markSent(hash);
        continue;
      }
      ok = false;
      const reason =
        typeof answer.body === 'object' && answer.body ? (answer.body as { message?: string }).message : '';
      this.options.log(
        `Máy chủ không nhận ảnh ${hash.slice(0, 12)}… (${answer.status}${reason ? `: ${reason}` : ''}).`,
      );
      // A refusal that the same bytes will meet again: not tried again until the next start.
      if (answer.status === 413 || answer.status === 422) this.refusedUploads.add(hash);
      else return false;
    }
  }

  private markSent(hash: string): void {
    this.ctx.db
      .prepare('INSERT INTO office_blobs_sent (hash, sent_at) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING')
      .run(hash, isoNow(this.ctx));
  }

  /** Every awaited image is fetched, checked and stored, a few at a time; false when one is still missing. */
  private async fetchAll(): Promise<boolean> {
    const queue = [...this.wanted];
    let ok = true;
    let linkDown = false;
    const worker = async (lane: number) => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        if (this.stopped || linkDown) return;
        const [hash, wanted] = next;
        if (readImageBytes(this.ctx.db, hash, 'web') || isArrived(this.ctx.db, hash)) {
          this.wanted.delete(hash);
          continue;
        }
        const signer = this.options.signer();
        if (!signer) {
          ok = false;
          return;
        }
        try {
          await this.fetchOne(lane, hash, wanted.author, signer);
          this.wanted.delete(hash);
          this.options.onStored?.(hash);
        } catch (error) {
          ok = false;
          const problem = (error as Error).message;
          if (wanted.problem !== problem) this.options.log(`Chưa lấy được ảnh ${hash.slice(0, 12)}…: ${problem}`);
          wanted.problem = problem;
          // The link itself is down: the other images would meet the same.
          if (error instanceof OfficeError && error.code === 'unreachable') linkDown = true;
        }
      }
    };
    await Promise.all(Array.from({ length: TRANSFERS }, (_, lane) => worker(lane)));
    return ok && !linkDown;
  }

  private async fetchOne(lane: number, hash: string, author: string, signer: OfficeSigner): Promise<void> {
    const answer = await this.request(lane, 'GET', hash, signer);
    if (answer.status === 404)
      throw new OfficeError('máy chủ chưa có ảnh này (máy đã chèn ảnh chưa gửi nó lên).', 'blob-not-found');
    if (answer.status !== 200) throw new OfficeError(`máy chủ trả lời ${answer.status}.`, `http-${answer.status}`);
    if (imageHash(answer.bytes) !== hash) {
      throw new OfficeError(
        'máy chủ gửi một tệp không khớp mã SHA-256 của ảnh: tệp bị bỏ, không lưu.',
        'blob-hash-mismatch',
      );
    }
    let header;
    try {
      header = await readImageHeader(answer.bytes);
    } catch (error) {
      if (error instanceof AppError) throw new OfficeError(error.message, 'blob-not-an-image');
      throw error;
    }
    const addedBy = this.ctx.db.prepare('SELECT 1 FROM users WHERE id = ?').get(author) ? author : signer.userId;
    // Kept as it came, its rendition made when it is first shown or published, or when idle (a
    // join brings years of photos). Committed without waiting for the disk: an image a power cut
    // loses is fetched again at the next start, and the next write that waits takes it to the disk.
    writeWithoutWaiting(this.ctx.db, () =>
      this.ctx.db.transaction(() => {
        storeArrived(this.ctx.db, { ...header, hash, bytes: answer.bytes }, addedBy, isoNow(this.ctx));
        this.markSent(hash);
      })(),
    );
  }
}
