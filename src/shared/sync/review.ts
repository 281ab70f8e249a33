import { z } from 'zod';
import { canonicalJson } from '../crypto';
import { WORKFLOW_EVENT_KINDS } from '../review';
import { BASE64, HEX_64, ISO_INSTANT } from './directory';

/**
 * An article's review document (`article/<id>/review`): two append-only arrays of signed records,
 * its workflow events and its comments. Each record is signed by its author's Ed25519 key over
 * the canonical JSON of every field but `signature`, with the purpose named, so a record is
 * checked by every workstation against the office directory and cannot be moved to another
 * article, another kind or another text. The article's status is never stored here: each
 * workstation folds the events (core/review/fold.ts). Events made on the workstation that created
 * the office before an article was shared are signed by the office key, which vouches for them.
 */

export const REVIEW_EVENTS = 'events';
export const REVIEW_COMMENTS = 'comments';

export const REVIEW_EVENT_PURPOSE = 'bientap/review-event/v1';
export const REVIEW_COMMENT_PURPOSE = 'bientap/review-comment/v1';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const instant = z.string().regex(ISO_INSTANT);
const id = z.string().regex(UUID);
const signature = z.string().min(1).max(200).regex(BASE64);

export const reviewEventSchema = z
  .object({
    v: z.literal(1),
    id,
    articleId: id,
    kind: z.enum(WORKFLOW_EVENT_KINDS),
    actorId: z.string().min(1).max(200),
    keyFingerprint: z.string().regex(HEX_64),
    /**
     * The event's time on a hybrid logical clock: the workstation's wall clock, but always later
     * than every event of the article it had seen (core/review/clock.ts). The fold's order.
     */
    at: instant,
    /** The hash of the canonical content the event acted on (core/signoff/canonical.ts). */
    contentHash: z.string().regex(HEX_64),
    note: z.string().max(5000),
    /** The revision the event named on its workstation (an approval's signed text). */
    revisionId: z.string().max(200).nullable(),
    scheduledFor: instant.nullable(),
    /**
     * An approval's sign-off as the single workstation makes it (core/signoff/message.ts, formats 1
     * and 2): what the approval card, the slip and the page seal show and check everywhere.
     */
    approval: z
      .object({
        keyFingerprint: z.string().regex(HEX_64),
        signature,
        signatureFormat: z.union([z.literal(1), z.literal(2)]),
        auditHead: z.string().regex(HEX_64).nullable(),
        /** The time the sign-off signed (the event's own, unless its log had to move it later). */
        at: instant,
      })
      .strict()
      .nullable(),
    signature,
  })
  .strict();
export type ReviewEvent = z.infer<typeof reviewEventSchema>;
export type UnsignedReviewEvent = Omit<ReviewEvent, 'signature'>;

const anchor = z
  .object({ exact: z.string().max(5000), prefix: z.string().max(500), suffix: z.string().max(500) })
  .strict();

export const reviewCommentSchema = z
  .object({
    v: z.literal(1),
    id,
    articleId: id,
    threadId: id.nullable(),
    kind: z.enum(['comment', 'reply', 'resolved']),
    authorId: z.string().min(1).max(200),
    keyFingerprint: z.string().regex(HEX_64),
    at: instant,
    body: z.string().max(20_000),
    anchor: anchor.nullable(),
    signature,
  })
  .strict()
  .refine((entry) => (entry.kind === 'comment') === (entry.threadId === null));
export type ReviewComment = z.infer<typeof reviewCommentSchema>;
export type UnsignedReviewComment = Omit<ReviewComment, 'signature'>;

/** The exact text signed for an event: its canonical JSON without `signature`, with the purpose. */
export function reviewEventMessageText(event: UnsignedReviewEvent): string {
  const { signature: _signature, ...signed } = event as Partial<ReviewEvent>;
  return canonicalJson({ ...signed, purpose: REVIEW_EVENT_PURPOSE });
}

/** The exact text signed for a comment entry. */
export function reviewCommentMessageText(entry: UnsignedReviewComment): string {
  const { signature: _signature, ...signed } = entry as Partial<ReviewComment>;
  return canonicalJson({ ...signed, purpose: REVIEW_COMMENT_PURPOSE });
}

/** The fold's order: by time on the hybrid clock, ties by event id. */
export function compareReviewEvents(a: Pick<ReviewEvent, 'at' | 'id'>, b: Pick<ReviewEvent, 'at' | 'id'>): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
