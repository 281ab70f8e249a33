import type { ArticleStatus } from '../../shared/domain';
import type { WorkflowEventKind } from '../../shared/review';
import { accountAt, keyValidAt, type DirectoryEntry } from '../../shared/sync/directory';
import {
  compareReviewEvents,
  reviewEventMessageText,
  reviewEventSchema,
  type ReviewEvent,
} from '../../shared/sync/review';
import { holdsAction, isLegal, SIGNED_STATUSES, TRANSITIONS, WORKFLOW_ACTIONS } from '../../shared/workflow';
import { MATRIX } from '../auth/permissions';
import { approvalMessageText } from '../../shared/seal/format';
import { approvalSignatureHolds } from '../signoff/message';
import { STATUS_WORDS } from '../workflow/events';

/**
 * An article's workflow on an office's workstation: a deterministic fold over its merged review
 * events, in the order of their hybrid-clock time (ties by event id), judged against the office
 * directory as it stood at each event's time. Every workstation that holds the same events, the
 * same directory and the same content reaches the same result, whatever order things arrived in.
 *
 * The rules (DESIGN.md "Several workstations"):
 * - an event counts only when it is well formed, names this article, is signed by a key its actor
 *   held at its time, and the actor was active and held the permission for it then;
 * - an event counts only when the status it meets allows it (TRANSITIONS); one that does not (a
 *   signature on text already returned for changes, a second "submit") is kept out and said so;
 * - a second approval of the same text while the article is approved is a co-signature: both
 *   count and both are shown; an approval of other text while approved (it was edited and voided
 *   elsewhere) starts a new sign-off;
 * - a publish or schedule counts only for the text that was signed;
 * - a request for changes and an approval made at the same time: whichever comes first, the
 *   article ends with changes requested (from "approved" the request is legal; from "changes
 *   requested" the approval is not);
 * - an approval counts only while its hash is the hash of the current content: when the content
 *   the workstation holds is not what was signed, the article is back in review, as if the edit's
 *   author had voided it (`voidedByContent`).
 */

export interface FoldedEvent {
  event: ReviewEvent;
  from: ArticleStatus;
  to: ArticleStatus;
}

export interface RefusedEvent {
  /** The record as it came (it may not even parse). */
  record: unknown;
  id: string | null;
  reason: string;
  /**
   * True for records that no honest workstation makes (bad signature, unknown key, a role or an
   * article that does not match): they are reported. False for honest events overtaken by others.
   */
  forged: boolean;
}

export interface FoldResult {
  events: FoldedEvent[];
  refused: RefusedEvent[];
  status: ArticleStatus;
  /** The approvals of the current sign-off (co-signatures included), oldest first. */
  approvals: ReviewEvent[];
  /** The hash the site's version was published from, while published. */
  publishedHash: string | null;
  scheduledFor: string | null;
  /** Set when the content is no longer what was signed: the article went back to review. */
  voidedByContent: { from: ArticleStatus; approval: ReviewEvent } | null;
}

export interface FoldInput {
  articleId: string;
  /** Who began the article (the origin its content document names). */
  authorId: string;
  /** The hash of the content as this workstation holds it now. */
  currentHash: string;
  /** The office key this workstation pinned (public key null while unknown): it vouches for events made before the office. */
  office: { fingerprint: string; publicKey: string | null };
  /** Every valid directory entry per account (VerifiedDirectory.history). */
  directory: ReadonlyMap<string, readonly DirectoryEntry[]>;
  /** Ed25519 check of `signature` (base64) over the UTF-8 of `message` with `publicKey` (DER, base64). */
  verify(publicKey: string, message: string, signature: string): boolean;
}

/** The action (and so the permission) each kind of event stands for; a void stands for an edit. */
const ACTION_OF: Partial<Record<WorkflowEventKind, (typeof WORKFLOW_ACTIONS)[number]>> = {
  submitted: 'submit',
  retracted: 'retract',
  changes_requested: 'requestChanges',
  approved: 'approve',
  published: 'publish',
  scheduled: 'schedule',
  withdrawn: 'withdraw',
};

const ROLE_WORDS: Record<string, string> = {
  reporter: 'phóng viên',
  editor: 'biên tập viên',
  head: 'trưởng phòng',
  admin: 'quản trị viên',
};

/** An approval's own sign-off (formats 1 and 2), checked with the key its signer held per the directory. */
function approvalHolds(event: ReviewEvent, input: FoldInput): boolean {
  const approval = event.approval;
  if (!approval) return false;
  const key = (input.directory.get(event.actorId) ?? [])
    .flatMap((entry) => entry.keys)
    .find((candidate) => candidate.fingerprint === approval.keyFingerprint && keyValidAt(candidate, approval.at));
  if (!key) return false;
  if (approval.signatureFormat === 2 && approval.auditHead !== null && event.revisionId !== null) {
    // The format-2 message, checked through the fold's verifier (which may remember what it checked).
    const message = approvalMessageText({
      articleId: event.articleId,
      revisionId: event.revisionId,
      contentHash: event.contentHash,
      keyFingerprint: approval.keyFingerprint,
      at: approval.at,
      auditHead: approval.auditHead,
    });
    return input.verify(key.publicKey, message, approval.signature);
  }
  return approvalSignatureHolds({
    article_id: event.articleId,
    revision_id: event.revisionId,
    content_hash: event.contentHash,
    key_fingerprint: approval.keyFingerprint,
    at: approval.at,
    signature: approval.signature,
    signature_format: approval.signatureFormat,
    audit_head: approval.auditHead,
    public_key: key.publicKey,
  });
}

function judgeSigner(
  event: ReviewEvent,
  input: FoldInput,
): { account: DirectoryEntry | null } | { reason: string; unknownAccount?: true } {
  if (event.kind === 'approved' ? !approvalHolds(event, input) : event.approval !== null) {
    return { reason: 'Chữ ký duyệt kèm theo không đúng hoặc không thuộc người ký: sự kiện giả mạo hoặc đã bị sửa.' };
  }
  if (event.keyFingerprint === input.office.fingerprint) {
    // History from before the office, vouched for by the office key: its actors acted under the rules then.
    const holds =
      input.office.publicKey !== null &&
      input.verify(input.office.publicKey, reviewEventMessageText(event), event.signature);
    return holds ? { account: null } : { reason: 'Chữ ký của khóa văn phòng trên lịch sử bài không đúng.' };
  }
  const account = accountAt(input.directory, event.actorId, event.at);
  if (!account) {
    return {
      reason: `Người thực hiện (${event.actorId}) chưa có trong danh bạ văn phòng vào lúc ${event.at}.`,
      unknownAccount: true,
    };
  }
  const key = account.keys.find((candidate) => candidate.fingerprint === event.keyFingerprint);
  if (!key || !keyValidAt(key, event.at)) {
    return { reason: `Khóa ký không thuộc ${account.displayName} vào lúc ${event.at}.` };
  }
  if (event.approval && event.approval.keyFingerprint !== event.keyFingerprint) {
    return { reason: 'Chữ ký duyệt được làm bằng một khóa khác khóa của sự kiện.' };
  }
  if (!input.verify(key.publicKey, reviewEventMessageText(event), event.signature)) {
    return { reason: `Chữ ký của ${account.displayName} không đúng: sự kiện giả mạo hoặc đã bị sửa.` };
  }
  return { account };
}

function permissionRefusal(event: ReviewEvent, account: DirectoryEntry, authorId: string): string | null {
  if (!account.active) return `Tài khoản ${account.displayName} đã bị khóa vào lúc ${event.at}.`;
  const permissions = MATRIX[account.role];
  const isAuthor = event.actorId === authorId;
  const action = ACTION_OF[event.kind];
  const allowed = action
    ? holdsAction(permissions, action, isAuthor)
    : permissions.includes(isAuthor ? 'article.editOwn' : 'article.editOthers');
  return allowed
    ? null
    : `${account.displayName} (${ROLE_WORDS[account.role] ?? account.role}) không có quyền làm việc này vào lúc ${event.at}.`;
}

/** Folds an article's review events (as read from its document, in any order) into its workflow. */
export function foldReview(records: readonly unknown[], input: FoldInput): FoldResult {
  const refused: RefusedEvent[] = [];
  const parsed: ReviewEvent[] = [];
  for (const record of records) {
    const result = reviewEventSchema.safeParse(record);
    if (result.success) parsed.push(result.data);
    else refused.push({ record, id: null, reason: 'Sự kiện sai định dạng.', forged: true });
  }
  // Same id twice: the same record merged twice is one event; two different records under one id
  // are told apart by their text, so every workstation keeps the same one.
  parsed.sort(
    (a, b) => compareReviewEvents(a, b) || reviewEventMessageText(a).localeCompare(reviewEventMessageText(b)),
  );

  const events: FoldedEvent[] = [];
  let status: ArticleStatus = 'draft';
  let approvals: ReviewEvent[] = [];
  let publishedHash: string | null = null;
  let scheduledFor: string | null = null;
  const seen = new Set<string>();
  const seenSignatures = new Set<string>();
  for (const event of parsed) {
    if (seen.has(event.id)) continue;
    const refuse = (reason: string, forged: boolean) => refused.push({ record: event, id: event.id, reason, forged });
    if (event.articleId !== input.articleId) {
      refuse('Sự kiện của một bài khác bị chép sang bài này.', true);
      continue;
    }
    const signer = judgeSigner(event, input);
    if ('reason' in signer) {
      // An account this workstation's directory does not hold yet is not a forgery: the entry may be
      // on its way (the event is judged again when the directory changes).
      refuse(signer.reason, !signer.unknownAccount);
      continue;
    }
    seen.add(event.id);
    if (seenSignatures.has(event.signature)) {
      refuse('Chữ ký này đã được dùng cho một sự kiện khác: sự kiện chép lại.', true);
      continue;
    }
    seenSignatures.add(event.signature);
    const permission = signer.account && permissionRefusal(event, signer.account, input.authorId);
    if (permission) {
      refuse(permission, true);
      continue;
    }
    const signedHash = approvals[0]?.contentHash ?? null;
    const from = status;
    if (event.kind === 'approved' && status === 'approved') {
      // A co-signature of the same text, or the first signature of text edited since (voided elsewhere).
      approvals = event.contentHash === signedHash ? [...approvals, event] : [event];
    } else if (!isLegal(event.kind, status)) {
      refuse(`Không áp dụng được khi bài đang “${STATUS_WORDS[status]}” (một thay đổi khác đến trước).`, false);
      continue;
    } else if ((event.kind === 'published' || event.kind === 'scheduled') && event.contentHash !== signedHash) {
      refuse('Bản được đăng không phải bản đã ký duyệt.', false);
      continue;
    } else if (event.kind === 'approved') {
      approvals = [event];
    } else if (!SIGNED_STATUSES.includes(TRANSITIONS[event.kind].to) && event.kind !== 'withdrawn') {
      approvals = [];
    }
    status = event.kind === 'approved' ? 'approved' : TRANSITIONS[event.kind].to;
    if (event.kind === 'published') publishedHash = event.contentHash;
    if (event.kind === 'withdrawn') publishedHash = null;
    scheduledFor = event.kind === 'scheduled' ? event.scheduledFor : null;
    events.push({ event, from, to: status });
  }

  let voidedByContent: FoldResult['voidedByContent'] = null;
  const latest = approvals[approvals.length - 1];
  if (SIGNED_STATUSES.includes(status) && latest && latest.contentHash !== input.currentHash) {
    voidedByContent = { from: status, approval: latest };
    status = 'submitted';
    approvals = [];
    scheduledFor = null;
  }
  return { events, refused, status, approvals, publishedHash, scheduledFor, voidedByContent };
}
