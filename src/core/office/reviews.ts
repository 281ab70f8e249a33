import type { KeyObject } from 'node:crypto';
import type * as Y from 'yjs';
import { AppError } from '../../shared/errors';
import type { TextAnchor } from '../../shared/review';
import { REVIEW_COMMENTS, REVIEW_EVENTS } from '../../shared/sync/review';
import { findArticle } from '../articles/repo';
import { isoNow, type CoreContext } from '../context';
import { writeWithoutWaiting } from '../db/connection';
import { queuePublishing } from '../publish/requests';
import type { FoldResult } from '../review/fold';
import { findOfficeKey, ensureOfficeKey } from '../seal/officeKey';
import { articleContentHash } from '../signoff/approval';
import type { NewEvent } from '../workflow/events';
import { updatedBy } from './articles';
import {
  appendReviewComment,
  appendReviewEvent,
  foldArticleReview,
  legacyReviewComments,
  rememberingVerifier,
  legacyReviewEvents,
  writeComments,
  writeFold,
  writeRefusals,
  type EventSigner,
  type ReviewContext,
} from './review';

/** A comment entry made here, as the comments feature stores it. */
export interface NewComment {
  id: string;
  articleId: string;
  threadId: string | null;
  kind: 'comment' | 'reply' | 'resolved';
  authorId: string;
  at: string;
  body: string;
  anchor: TextAnchor | null;
}

export interface OfficeReviewsOptions {
  /** The fingerprint of the office key this workstation pinned: the workstation that holds it publishes. */
  office: string;
  log(line: string): void;
  /** The article's review document, opened on the link (and listed as reviewed in the office's index). */
  open(articleId: string): Y.Doc;
  /** Whether the article is shared with the office (its content document is open here). */
  shared(articleId: string): boolean;
  /** The article's workflow or comments changed here from the office: its screens follow. */
  changed(articleId: string): void;
}

/**
 * The review side of the office on this workstation: workflow events and comments made here are
 * signed with their author's key and appended to the article's review document in the transaction
 * that makes them; every review document, whatever it received, is folded into the article's
 * workflow log, status and comments here (review.ts), once the directory has been verified (the
 * fold judges each event by it) and again whenever the events, the content or the directory change.
 */
export class OfficeReviews {
  private readonly docs = new Map<string, Y.Doc>();
  private readonly keys = new Map<string, EventSigner>();
  private readonly stale = new Set<string>();
  private readonly reported = new Set<string>();
  private context: ReviewContext | null = null;
  private readonly verify = rememberingVerifier();
  private folding: NodeJS.Immediate | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: OfficeReviewsOptions,
  ) {}

  /** The key of someone signed in here, with which her events are signed (null: she signed out). */
  setKey(userId: string, signer: EventSigner | null): void {
    if (signer) this.keys.set(userId, signer);
    else this.keys.delete(userId);
  }

  /** The article's review document is open (loaded from the log or opened on the link). */
  opened(articleId: string, doc: Y.Doc): void {
    this.docs.set(articleId, doc);
    this.changed(articleId);
  }

  /** Every document went (the connection rebuilds them from the log). */
  clear(): void {
    this.docs.clear();
    this.stale.clear();
  }

  /** The directory was verified again: every article is judged again by it. */
  directoryVerified(context: ReviewContext): void {
    this.context = { ...context, verify: this.verify };
    for (const articleId of this.docs.keys()) this.stale.add(articleId);
    this.schedule();
  }

  /** The article's events, comments or content changed: it is folded again, soon and once per burst. */
  changed(articleId: string): void {
    if (!this.docs.has(articleId)) return;
    this.stale.add(articleId);
    this.schedule();
  }

  /**
   * A workflow event made here (inside the transaction that makes it): appended, signed, to the
   * article's review document and folded at once ('folded'); 'appended' while the directory has not
   * been verified yet since the start (the caller appends it to the local log too, which the first
   * fold then writes again); false when the article is not shared with the office (the caller
   * appends it to the local log as on a single workstation).
   */
  record(
    event: NewEvent & { id: string; at: string },
    approver?: { privateKey: KeyObject; keyFingerprint: string },
  ): 'folded' | 'appended' | false {
    if (!this.options.shared(event.articleId)) return false;
    const signer = approver
      ? { userId: event.actorId, fingerprint: approver.keyFingerprint, privateKey: approver.privateKey }
      : (this.keys.get(event.actorId) ?? this.scheduleSigner(event));
    if (!signer) {
      throw new AppError(
        'CONFLICT',
        'Chưa mở được khóa ký của bạn trên máy này nên chưa gửi được việc này tới văn phòng. Hãy đăng xuất rồi đăng nhập lại.',
      );
    }
    appendReviewEvent(this.ctx, this.open(event.articleId), event, signer);
    if (!this.context) return 'appended';
    this.fold(event.articleId);
    return 'folded';
  }

  /** A comment entry made here (inside the transaction that stored it): appended, signed, for the office. */
  comment(entry: NewComment): void {
    if (!this.options.shared(entry.articleId)) return;
    const signer = this.keys.get(entry.authorId);
    if (!signer) {
      throw new AppError(
        'CONFLICT',
        'Chưa mở được khóa ký của bạn trên máy này nên chưa gửi được góp ý tới văn phòng. Hãy đăng xuất rồi đăng nhập lại.',
      );
    }
    appendReviewComment(this.open(entry.articleId), { ...entry, at: new Date(entry.at).toISOString() }, signer);
  }

  /**
   * An article shared for the first time from this workstation: its workflow log and comments from
   * before the office go into its review document, vouched for by the office key (only the
   * workstation that created the office holds it; elsewhere nothing was made before the office).
   */
  shareHistory(articleId: string): void {
    const office = findOfficeKey(this.ctx);
    if (!office) return;
    const hasHistory =
      this.ctx.db.prepare('SELECT 1 FROM article_events WHERE article_id = ? LIMIT 1').get(articleId) ||
      this.ctx.db.prepare('SELECT 1 FROM comment_entries WHERE article_id = ? LIMIT 1').get(articleId);
    if (!hasHistory) return;
    const doc = this.docs.get(articleId) ?? this.open(articleId);
    if (doc.getArray(REVIEW_EVENTS).length > 0 || doc.getArray(REVIEW_COMMENTS).length > 0) return;
    const key = ensureOfficeKey(this.ctx);
    doc.transact(() => {
      doc.getArray(REVIEW_EVENTS).push(legacyReviewEvents(this.ctx, articleId, key));
      doc.getArray(REVIEW_COMMENTS).push(legacyReviewComments(this.ctx, articleId, key));
    });
  }

  /** The office's key, when this workstation holds it: the office's publishing workstation. */
  private publisher(): ReturnType<typeof ensureOfficeKey> | null {
    return findOfficeKey(this.ctx)?.fingerprint === this.options.office ? ensureOfficeKey(this.ctx) : null;
  }

  /**
   * A scheduled article coming due on the publishing workstation is marked published there with
   * nobody signed in to sign it: the office key vouches for it (the fold takes its word, as for the
   * history from before the office).
   */
  private scheduleSigner(event: NewEvent): EventSigner | undefined {
    const office = event.kind === 'published' ? this.publisher() : null;
    return office
      ? { userId: event.actorId, fingerprint: office.fingerprint, privateKey: office.privateKey }
      : undefined;
  }

  /**
   * On the publishing workstation, each publish, schedule and withdrawal the fold accepted is
   * queued for the sites once, whichever workstation made it; those the fold refused (a second
   * "Đăng bài" clicked at the same moment elsewhere) never are. What the office key signed was sent
   * already: the history from before the office, and a schedule that came due here.
   */
  private queuePublishing(articleId: string, fold: FoldResult): boolean {
    const office = this.publisher();
    if (!office) return false;
    const note = this.ctx.db.prepare(
      'INSERT OR IGNORE INTO office_queued_events (event_id, article_id, queued_at) VALUES (?, ?, ?)',
    );
    // This text is on its way to the sites already (this desk's own click, queued before the fold
    // heard of the same click made elsewhere a moment earlier) and has not been withdrawn since.
    const sending = this.ctx.db.prepare(
      `SELECT 1 FROM outbox o WHERE o.article_id = ? AND o.action = 'publish' AND o.content_hash = ?
         AND o.state <> 'superseded'
         AND NOT EXISTS (SELECT 1 FROM outbox w WHERE w.article_id = o.article_id AND w.action = 'withdraw'
                           AND w.created_at >= o.created_at)`,
    );
    let queued = false;
    for (const { event, from } of fold.events) {
      if (event.kind !== 'published' && event.kind !== 'scheduled' && event.kind !== 'withdrawn') continue;
      if (note.run(event.id, articleId, isoNow(this.ctx)).changes === 0) continue;
      if (event.keyFingerprint === office.fingerprint || (event.kind === 'published' && from === 'scheduled')) continue;
      if (event.kind !== 'withdrawn' && sending.get(articleId, event.contentHash)) continue;
      queuePublishing(this.ctx, articleId, event.kind, event.contentHash, event.scheduledFor, event.actorId);
      queued = true;
    }
    return queued;
  }

  /**
   * The article's review document, to append to. Opened here for the first time with nothing in
   * it, it first takes the article's history from before (an article shared before reviews
   * travelled), which the office key vouches for where this workstation holds it.
   */
  private open(articleId: string): Y.Doc {
    let doc = this.docs.get(articleId);
    if (!doc) {
      doc = this.options.open(articleId);
      this.docs.set(articleId, doc);
      this.shareHistory(articleId);
    }
    return doc;
  }

  private schedule(): void {
    if (this.folding || this.stale.size === 0 || !this.context) return;
    this.folding = setImmediate(() => {
      this.folding = null;
      const articles = [...this.stale];
      this.stale.clear();
      const changed: string[] = [];
      try {
        // One transaction for the burst (a join brings thousands), each article in a savepoint of its
        // own; committed without waiting for the disk: every fold is made again at the next start.
        writeWithoutWaiting(this.ctx.db, () =>
          this.ctx.db
            .transaction(() => {
              for (const articleId of articles) {
                try {
                  if (this.ctx.db.transaction(() => this.fold(articleId))()) changed.push(articleId);
                } catch (error) {
                  this.log(`Không ghi được quy trình duyệt của bài ${articleId}: ${(error as Error).message}`);
                }
              }
            })
            .immediate(),
        );
      } catch (error) {
        this.log(`Không ghi được quy trình duyệt các bài nhận từ máy chủ: ${(error as Error).message}`);
        return;
      }
      for (const articleId of changed) this.options.changed(articleId);
    });
  }

  /** Folds one article's review into its log, status and comments here (inside a transaction). */
  private fold(articleId: string): boolean {
    const doc = this.docs.get(articleId);
    const context = this.context;
    // Opened and not synced yet (a join opens thousands): nothing to fold, the local log stays.
    if (!doc || !context || (doc.getArray(REVIEW_EVENTS).length === 0 && doc.getArray(REVIEW_COMMENTS).length === 0)) {
      return false;
    }
    const article = findArticle(this.ctx, articleId);
    if (!article) return false;
    const currentHash = articleContentHash(article);
    const fold = foldArticleReview(doc, { id: articleId, authorId: article.authorId, currentHash }, context);
    const changed = writeFold(
      this.ctx,
      articleId,
      fold,
      updatedBy(this.ctx, articleId) ?? article.authorId,
      currentHash,
    );
    if (this.queuePublishing(articleId, fold)) this.ctx.emit('publishing.changed', { articleId });
    const comments = writeComments(this.ctx, articleId, doc, context);
    writeRefusals(this.ctx, articleId, [...fold.refused, ...comments.refused]);
    for (const refusal of [...fold.refused, ...comments.refused]) {
      if (!refusal.forged) continue;
      const key = `${articleId}:${refusal.id ?? JSON.stringify(refusal.record)}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      this.log(`Bỏ qua một mục duyệt bài giả mạo hoặc hỏng của bài ${articleId}: ${refusal.reason}`);
    }
    return changed || comments.written > 0;
  }

  private log(line: string): void {
    this.options.log(line);
  }
}
