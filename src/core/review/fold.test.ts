import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Role } from '../../shared/domain';
import type { WorkflowEventKind } from '../../shared/review';
import type { DirectoryEntry } from '../../shared/sync/directory';
import { REVIEW_EVENTS, type ReviewEvent } from '../../shared/sync/review';
import { appendReviewEvent, foldArticleReview, signReviewEvent } from '../office/review';
import type { CoreContext } from '../context';
import { fingerprintOf } from '../signoff/keys';
import { signApproval } from '../signoff/message';
import type { FoldResult } from './fold';

// The workflow fold on three replicas (a reporter's laptop, two heads' desks), each acting on its
// own copy, then every order in which their updates can reach each other: every replica ends with
// the same status, the same approvals and the same text.

const ARTICLE = randomUUID();
const EPOCH = '2026-01-01T00:00:00.000Z';

interface Person {
  id: string;
  role: Role;
  privateKey: KeyObject;
  fingerprint: string;
  publicKey: string;
}

function person(id: string, role: Role): Person {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  return { id, role, privateKey, publicKey: der, fingerprint: fingerprintOf(der) };
}

const reporter = person('phongvien', 'reporter');
const head = person('truongphong', 'head');
const head2 = person('truongphong2', 'head');
const editor = person('bientap', 'editor');
const office = person('office', 'admin');

function entry(who: Person, updatedAt = EPOCH, changes: Partial<DirectoryEntry> = {}): DirectoryEntry {
  return {
    userId: who.id,
    username: who.id,
    displayName: who.id,
    role: who.role,
    byline: '',
    unit: '',
    active: true,
    keys: [{ fingerprint: who.fingerprint, publicKey: who.publicKey, validFrom: EPOCH, validUntil: null }],
    sealedPrivateKey: null,
    passwordHash: '',
    updatedAt,
    signer: office.fingerprint,
    signature: 'AA==',
    ...changes,
  };
}

const baseDirectory = () => new Map([reporter, head, head2, editor].map((who) => [who.id, [entry(who)]]));

/** One workstation: its review document, its text, and a clock of its own. */
class Replica {
  readonly review = new Y.Doc();
  readonly content = new Y.Doc();
  private tick = 0;
  constructor(
    readonly name: string,
    private readonly clockStart: number,
  ) {}

  get text(): string {
    return this.content.getText('body').toString();
  }
  get hash(): string {
    return createHash('sha256').update(this.text).digest('hex');
  }

  private ctx(): CoreContext {
    return { now: () => new Date(this.clockStart + this.tick++ * 1000) } as unknown as CoreContext;
  }

  act(kind: WorkflowEventKind, who: Person, note = ''): ReviewEvent {
    const ctx = this.ctx();
    const at = ctx.now().toISOString();
    const id = randomUUID();
    const revisionId = randomUUID();
    const approval =
      kind === 'approved'
        ? {
            signature: signApproval(who.privateKey, {
              articleId: ARTICLE,
              revisionId,
              contentHash: this.hash,
              keyFingerprint: who.fingerprint,
              at,
              auditHead: '0'.repeat(64),
            }),
            keyFingerprint: who.fingerprint,
            signatureFormat: 2,
            auditHead: '0'.repeat(64),
          }
        : {};
    return appendReviewEvent(
      ctx,
      this.review,
      { articleId: ARTICLE, kind, actorId: who.id, contentHash: this.hash, note, revisionId, ...approval, id, at },
      { ...who, userId: who.id },
    );
  }

  type(words: string): void {
    this.content.getText('body').insert(this.text.length, words);
  }

  fold(directory = baseDirectory()): FoldResult {
    return foldArticleReview(
      this.review,
      { id: ARTICLE, authorId: reporter.id, currentHash: this.hash },
      { office: { fingerprint: office.fingerprint, publicKey: office.publicKey }, directory },
    );
  }
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

type Outcome = { status: string; approvers: string[]; text: string; refused: string[] };

/**
 * Starts three replicas from a shared past (`before`, on the first, delivered to all), lets each do
 * its part apart (`apart`), then delivers their updates in every order to a fresh set of replicas
 * and returns the outcome each reaches; all must be equal.
 */
function everyOrder(
  before: (laptop: Replica) => void,
  apart: (laptop: Replica, desk: Replica, desk2: Replica) => void,
  directory = baseDirectory,
): Outcome {
  const outcomes: Outcome[] = [];
  // The same actions every time: made once, their updates replayed in each order.
  const laptop = new Replica('laptop', Date.parse('2026-05-01T08:00:00.000Z'));
  const desk = new Replica('desk', Date.parse('2026-05-01T08:00:00.500Z'));
  const desk2 = new Replica('desk2', Date.parse('2026-05-01T08:00:00.250Z'));
  before(laptop);
  for (const other of [desk, desk2]) {
    Y.applyUpdate(other.review, Y.encodeStateAsUpdate(laptop.review));
    Y.applyUpdate(other.content, Y.encodeStateAsUpdate(laptop.content));
  }
  const base = { review: Y.encodeStateAsUpdate(laptop.review), content: Y.encodeStateAsUpdate(laptop.content) };
  apart(laptop, desk, desk2);
  const updates = [laptop, desk, desk2].map((replica) => ({
    review: Y.encodeStateAsUpdate(replica.review),
    content: Y.encodeStateAsUpdate(replica.content),
  }));
  for (const order of permutations([0, 1, 2])) {
    for (const start of [0, 1, 2]) {
      const replica = new Replica(`r${start}`, 0);
      Y.applyUpdate(replica.review, base.review);
      Y.applyUpdate(replica.content, base.content);
      // Its own changes first, then the others' in this order.
      for (const index of [start, ...order.filter((i) => i !== start)]) {
        Y.applyUpdate(replica.review, updates[index]!.review);
        Y.applyUpdate(replica.content, updates[index]!.content);
      }
      const fold = replica.fold(directory());
      outcomes.push({
        status: fold.status,
        approvers: fold.approvals.map((approval) => approval.actorId),
        text: replica.text,
        refused: fold.refused.map((refusal) => refusal.id ?? '?').sort(),
      });
    }
  }
  for (const outcome of outcomes) expect(outcome).toEqual(outcomes[0]);
  return outcomes[0]!;
}

const submitted = (laptop: Replica) => {
  laptop.type('Bài viết về Festival Huế.');
  laptop.act('submitted', reporter);
};

describe('the workflow fold on three replicas, in every delivery order', () => {
  it('a copy edit made while the head signs the older text voids the approval: back in review, the text kept', () => {
    const outcome = everyOrder(submitted, (_laptop, desk, desk2) => {
      desk.act('approved', head);
      desk2.type(' Sửa lỗi chính tả.');
    });
    expect(outcome.status).toBe('submitted');
    expect(outcome.text).toBe('Bài viết về Festival Huế. Sửa lỗi chính tả.');
  });

  it('the author edits on a laptop that has not seen the head sign: the approval is void everywhere', () => {
    const outcome = everyOrder(submitted, (laptop, desk) => {
      desk.act('approved', head);
      laptop.type(' Thêm một câu.');
    });
    expect(outcome.status).toBe('submitted');
    expect(outcome.text).toContain('Thêm một câu.');
  });

  it('two heads sign the same text at once: approved, both signatures kept', () => {
    const outcome = everyOrder(submitted, (_laptop, desk, desk2) => {
      desk.act('approved', head);
      desk2.act('approved', head2);
    });
    expect(outcome.status).toBe('approved');
    expect([...outcome.approvers].sort()).toEqual([head.id, head2.id]);
    expect(outcome.refused).toEqual([]);
  });

  it('one head requests changes while another signs: changes requested, whichever came first', () => {
    for (const requestFirst of [true, false]) {
      const outcome = everyOrder(submitted, (_laptop, desk, desk2) => {
        // desk2's clock is behind desk's: its event sorts first.
        if (requestFirst) {
          desk2.act('changes_requested', head2, 'Cần thêm nguồn.');
          desk.act('approved', head);
        } else {
          desk2.act('approved', head2);
          desk.act('changes_requested', head, 'Cần thêm nguồn.');
        }
      });
      expect(outcome.status).toBe('changes_requested');
      expect(outcome.approvers).toEqual([]);
    }
  });

  it('publish on one desk while the text is edited on another: not published from the new text, back in review', () => {
    const outcome = everyOrder(
      (laptop) => {
        submitted(laptop);
        laptop.act('approved', head);
      },
      (_laptop, desk, desk2) => {
        desk.act('published', head);
        desk2.type(' Đính chính.');
      },
    );
    expect(outcome.status).toBe('submitted');
  });

  it('publish on one desk while it is withdrawn on another: one outcome everywhere', () => {
    const outcome = everyOrder(
      (laptop) => {
        submitted(laptop);
        laptop.act('approved', head);
        laptop.act('published', head);
      },
      (_laptop, desk, desk2) => {
        desk.act('withdrawn', head2, 'Gỡ để kiểm tra.');
        desk2.act('published', head);
      },
    );
    // The second publish meets a published (or withdrawn) article: not legal, kept out.
    expect(outcome.status).toBe('withdrawn');
    expect(outcome.refused).toHaveLength(1);
  });

  it('what a head did after being demoted or disabled, offline, is refused everywhere', () => {
    const changedAt = '2026-05-01T08:00:00.400Z';
    for (const change of [{ role: 'editor' as const }, { active: false }]) {
      const directory = () => {
        const map = baseDirectory();
        map.set(head.id, [entry(head), entry(head, changedAt, change)]);
        return map;
      };
      const outcome = everyOrder(
        submitted,
        (_laptop, desk) => {
          desk.act('approved', head);
        },
        directory,
      );
      expect(outcome.status).toBe('submitted');
      expect(outcome.refused).toHaveLength(1);
    }
  });

  it('forged events are ignored and reported: wrong key, wrong role, a signature over other content, a replay', () => {
    const laptop = new Replica('laptop', Date.parse('2026-05-01T08:00:00.000Z'));
    submitted(laptop);
    const genuine = laptop.act('approved', head);
    const events = laptop.review.getArray<unknown>(REVIEW_EVENTS);
    // Undo the genuine approval in a copy and append the forgeries instead.
    const forgeries: unknown[] = [
      // Signed by the reporter's key in the head's name.
      signReviewEvent({ ...genuine, id: randomUUID() }, reporter.privateKey),
      // The reporter approving (role) with a valid event signature but no sign-off of her own.
      signReviewEvent(
        { ...genuine, id: randomUUID(), actorId: reporter.id, keyFingerprint: reporter.fingerprint },
        reporter.privateKey,
      ),
      // The head's sign-off moved onto other content.
      { ...genuine, id: randomUUID(), contentHash: 'f'.repeat(64) },
      // Not an event at all.
      { kind: 'approved', articleId: ARTICLE },
    ];
    const copy = new Replica('copy', 0);
    Y.applyUpdate(copy.content, Y.encodeStateAsUpdate(laptop.content));
    const copyEvents = copy.review.getArray<unknown>(REVIEW_EVENTS);
    copyEvents.push([events.get(0), ...forgeries, events.get(0)]);
    const fold = copy.fold();
    expect(fold.status).toBe('submitted');
    expect(fold.refused).toHaveLength(4);
    expect(fold.refused.every((refusal) => refusal.forged)).toBe(true);
    // The genuine approval itself, replayed (appended twice), counts once.
    copyEvents.push([genuine, genuine]);
    const again = copy.fold();
    expect(again.status).toBe('approved');
    expect(again.approvals).toHaveLength(1);
  });
});
