import { appendAudit } from '../audit/log';
import { isoNow, type CoreContext } from '../context';
import { setProgress, type SendProgress } from './progress';
import { loadArticle } from '../articles/view';
import { recordEvent } from '../workflow/events';
import { PublishError, type PublishAdapter } from './adapter';
import { dueTimes, findEntry, markSending, nextDue, requeueInterrupted, settle, type EntryRecord } from './outbox';
import { renderArrivedOf } from '../images/arrived';
import { buildPayload } from './payload';
import { findRemote, forgetRemote, saveRemote } from './remote';
import { findTarget, type TargetRecord } from './targets';

export type AdapterFor = (target: TargetRecord) => PublishAdapter;

export interface WorkerOptions {
  adapterFor: AdapterFor;
  /** First retry after about this long; each further one waits twice as long, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest sleep with nothing due, so entries queued by another process are still noticed. */
  idleMs?: number;
  random?: () => number;
  log?: (message: string) => void;
}

const INTERNAL_FAILURE =
  'Có lỗi trong Biên Tập khi gửi bài; bài trên trang không bị thay đổi. Hãy thử gửi lại, nếu vẫn lỗi hãy báo quản trị viên.';

/**
 * Sends the outbox. One entry at a time, in order per article and site; transient failures are
 * retried with exponential backoff and full jitter (or after the site's Retry-After), and pause
 * that site until then, so a network that is down is probed, not hammered, and sending resumes by
 * itself. Entries left half-sent by a crash are sent again on start; adapters find the post an
 * earlier attempt made instead of creating a second one.
 */
export class PublishWorker {
  private readonly options: Required<Omit<WorkerOptions, 'log'>> & Pick<WorkerOptions, 'log'>;
  private readonly paused = new Map<string, number>();
  private running: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private abort = new AbortController();

  constructor(
    private readonly ctx: CoreContext,
    options: WorkerOptions,
  ) {
    this.options = { baseDelayMs: 2000, maxDelayMs: 5 * 60_000, idleMs: 5000, random: Math.random, ...options };
  }

  /** The core's clock, the one the outbox times are written in. */
  private now(): number {
    return this.ctx.now().getTime();
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.abort = new AbortController();
    if (requeueInterrupted(this.ctx) > 0) this.changed(null);
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    this.kick();
    await this.running;
  }

  /** Something was queued: look now rather than at the next wake-up. */
  kick(): void {
    this.wake?.();
  }

  /** Sends the next due entry, if any; returns whether there was one. */
  async runOnce(): Promise<boolean> {
    const entry = nextDue(this.ctx, isoNow(this.ctx), this.pausedTargets());
    if (!entry) return false;
    await this.send(entry);
    return true;
  }

  /** Runs until nothing is queued at all (tests, and the bench): waits out backoffs. */
  async drain(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await this.runOnce()) continue;
      const next = this.nextWake();
      if (next === null) return;
      await this.sleep(Math.max(0, Math.min(next - this.now(), deadline - Date.now())));
    }
    throw new Error('The outbox did not drain in time');
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        if (await this.runOnce()) continue;
      } catch (error) {
        this.options.log?.(`publish worker: ${(error as Error).stack ?? String(error)}`);
      }
      const next = this.nextWake();
      const wait = next === null ? this.options.idleMs : Math.min(Math.max(0, next - this.now()), this.options.idleMs);
      await this.sleep(wait);
    }
  }

  /** When something can next be sent: a site's earliest entry, but not before its pause ends. */
  private nextWake(): number | null {
    const times = dueTimes(this.ctx).map(({ targetId, at }) =>
      Math.max(Date.parse(at), this.paused.get(targetId) ?? 0),
    );
    return times.length === 0 ? null : Math.min(...times);
  }

  private pausedTargets(): Set<string> {
    const now = this.now();
    for (const [target, until] of this.paused) if (until <= now) this.paused.delete(target);
    return new Set(this.paused.keys());
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private changed(entry: EntryRecord | null): void {
    this.ctx.emit('publishing.changed', entry ? { articleId: entry.articleId, entryId: entry.id } : {});
  }

  private async send(entry: EntryRecord): Promise<void> {
    if (!markSending(this.ctx, entry.id)) return;
    this.changed(entry);
    const target = findTarget(this.ctx, entry.targetId);
    try {
      if (!target) throw new PublishError('permanent', 'Trang đăng bài đã bị xóa khỏi cài đặt.');
      const adapter = this.options.adapterFor(target);
      const known = findRemote(this.ctx, entry.articleId, entry.targetId);
      const options = {
        signal: this.abort.signal,
        overwrite: entry.overwrite,
        onProgress: (progress: SendProgress) => {
          setProgress(this.ctx, entry.id, progress);
          this.changed(entry);
        },
      };
      if (entry.action === 'publish') {
        await renderArrivedOf(this.ctx.db, entry.articleId);
        const payload = buildPayload(this.ctx, entry.articleId, entry.contentHash);
        const ref = await adapter.publish(payload, known, options);
        this.ctx.db
          .transaction(() => {
            saveRemote(this.ctx, entry.articleId, entry.targetId, ref, payload.contentHash, isoNow(this.ctx));
            settle(this.ctx, entry.id, 'done');
            this.markPublished(entry, payload.contentHash);
            this.audit(entry, 'publishing.sent', {
              url: ref.url,
              contentHash: payload.contentHash,
              ...(payload.auditHead ? { auditHead: payload.auditHead } : {}),
            });
          })
          .immediate();
      } else {
        await adapter.withdraw(entry.articleId, known, options);
        this.ctx.db
          .transaction(() => {
            forgetRemote(this.ctx, entry.articleId, entry.targetId);
            settle(this.ctx, entry.id, 'done');
            this.audit(entry, 'publishing.withdrawn', {});
          })
          .immediate();
      }
    } catch (error) {
      this.fail(entry, error);
    }
    setProgress(this.ctx, entry.id, null);
    this.changed(findEntry(this.ctx, entry.id));
  }

  /** A scheduled article becomes "published" when its first site has it. */
  private markPublished(entry: EntryRecord, contentHash: string): void {
    const article = loadArticle(this.ctx, entry.articleId);
    if (article?.status !== 'scheduled') return;
    recordEvent(this.ctx, {
      articleId: entry.articleId,
      kind: 'published',
      actorId: entry.createdBy ?? article.authorId,
      contentHash,
      note: 'Đăng theo lịch.',
    });
  }

  private audit(entry: EntryRecord, action: string, details: Record<string, unknown>): void {
    appendAudit(this.ctx, {
      actorId: entry.createdBy,
      action,
      subjectId: entry.articleId,
      details: { entryId: entry.id, targetId: entry.targetId, ...details },
    });
  }

  private fail(entry: EntryRecord, error: unknown): void {
    if (this.stopping) {
      // Cut off by shutdown, not by the site: sent again at the next start.
      settle(this.ctx, entry.id, 'queued', { lastError: null });
      return;
    }
    if (!(error instanceof PublishError)) {
      this.options.log?.(`publish worker: ${(error as Error).stack ?? String(error)}`);
      settle(this.ctx, entry.id, 'failed', { lastError: INTERNAL_FAILURE });
      return;
    }
    if (error.kind === 'transient') {
      const delay = error.details.retryAfterMs ?? this.backoff(entry.attempts + 1);
      const at = this.now() + delay;
      this.paused.set(entry.targetId, at);
      settle(this.ctx, entry.id, 'queued', { lastError: error.message, nextAttemptAt: new Date(at).toISOString() });
    } else {
      settle(this.ctx, entry.id, error.kind === 'conflict' ? 'conflict' : 'failed', { lastError: error.message });
    }
  }

  /** Full jitter: a random wait up to the exponential bound, so many clients do not retry in step. */
  private backoff(attempt: number): number {
    const bound = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
    return Math.max(this.options.baseDelayMs / 4, Math.round(bound * this.options.random()));
  }
}
