import { createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyDatabase } from '../../admin/verify';
import { appendAudit } from '../../audit/log';
import type { CoreContext } from '../../context';
import { body } from '../../reviewkit';
import { articleContentHash } from '../../signoff/approval';
import { fingerprintOf, signHash } from '../../signoff/keys';
import { approvalSignatureHolds, type StoredApproval } from '../../signoff/message';
import { databaseAtVersion, openTestCore } from '../../testkit';
import { loadArticle } from '../../articles/view';
import { migrate } from '../connection';

const NOW = '2026-04-15T03:51:38.000Z';
/** RFC 8032 §7.1 test 1, the key of the known-answer vectors. */
const SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const privateKey = createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(SEED, 'hex')]),
  format: 'der',
  type: 'pkcs8',
});
const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
const fingerprint = fingerprintOf(publicKey);
const UUID = {
  user: '5f0c2b8e-1d1a-4c3e-8b7f-2a9d6e4c3b10',
  article: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90',
  revision: '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
};

/**
 * A version-7 database as the app left it: an article submitted and approved, the approval signed
 * the way it was then (the content hash's bytes), each event with its audit row.
 */
function versionSevenDatabase() {
  const { db, file } = databaseAtVersion(7);
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at, key_fingerprint)
     VALUES (?, 'truongphong', 'Nguyễn Văn Thuỷ', 'head', 'x', ?, ?, ?)`,
  ).run(UUID.user, NOW, NOW, fingerprint);
  db.prepare('INSERT INTO user_keys (fingerprint, user_id, public_key, created_at) VALUES (?, ?, ?, ?)').run(
    fingerprint,
    UUID.user,
    publicKey,
    NOW,
  );
  const content = {
    title: 'Festival Huế 2026',
    summary: 'Sapo',
    body: body('Lễ hội Huế diễn ra sôi nổi.'),
    byline: 'Nguyễn Văn Thuỷ',
    category: 'Văn hóa',
    tags: ['Huế'],
    slug: 'festival-hue-2026',
    featuredImage: null,
  };
  const hash = articleContentHash(content);
  const columns = [content.title, content.summary, JSON.stringify(content.body), content.byline, content.category];
  db.prepare(
    `INSERT INTO articles (id, title, summary, body_json, byline, category, tags_json, slug, body_text, author_id,
                           status, created_at, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, '["Huế"]', ?, '', ?, 'approved', ?, ?, ?)`,
  ).run(UUID.article, ...columns, content.slug, UUID.user, NOW, NOW, UUID.user);
  db.prepare(
    `INSERT INTO revisions (id, article_id, article_version, kind, title, summary, body_json, byline, category,
                            tags_json, slug, body_text, author_id, created_at, updated_at)
     VALUES (?, ?, 1, 'approved', ?, ?, ?, ?, ?, '["Huế"]', ?, '', ?, ?, ?)`,
  ).run(UUID.revision, UUID.article, ...columns, content.slug, UUID.user, NOW, NOW);
  const ctx = { db, now: () => new Date(NOW), newId: randomUUID } as unknown as CoreContext;
  const event = db.prepare(
    `INSERT INTO article_events (id, article_id, kind, actor_id, at, from_status, to_status, content_hash, signature,
                                 key_fingerprint, revision_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const events = [
    { kind: 'submitted', from: 'draft', to: 'submitted', signature: null, key: null, revision: null },
    { kind: 'approved', from: 'submitted', to: 'approved', signature: signHash(privateKey, hash), key: fingerprint },
  ];
  for (const e of events) {
    const id = randomUUID();
    event.run(
      id,
      UUID.article,
      e.kind,
      UUID.user,
      NOW,
      e.from,
      e.to,
      hash,
      e.signature,
      e.key,
      e.revision ?? UUID.revision,
    );
    appendAudit(ctx, {
      actorId: UUID.user,
      action: `workflow.${e.kind}`,
      subjectId: UUID.article,
      details: { eventId: id, from: e.from, to: e.to, contentHash: hash, ...(e.key ? { keyFingerprint: e.key } : {}) },
    });
  }
  return { db, file };
}

const storedApprovals = (db: ReturnType<typeof versionSevenDatabase>['db']) =>
  db
    .prepare(
      `SELECT e.*, k.public_key FROM article_events e LEFT JOIN user_keys k ON k.fingerprint = e.key_fingerprint
       WHERE e.kind = 'approved'`,
    )
    .all() as StoredApproval[];

describe('migration 008 (signature format)', () => {
  it('marks the approvals given so far as format 1, which keep verifying, and leaves other events without one', async () => {
    const { db } = versionSevenDatabase();
    const before = db.prepare('SELECT * FROM article_events ORDER BY seq').all();
    migrate(db, 8);
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    const after = db.prepare('SELECT * FROM article_events ORDER BY seq').all() as Record<string, unknown>[];
    expect(after.map(({ signature_format: _format, ...rest }) => rest)).toEqual(before);
    expect(after.map((row) => [row.kind, row.signature_format])).toEqual([
      ['submitted', null],
      ['approved', 1],
    ]);
    expect(storedApprovals(db).map(approvalSignatureHolds)).toEqual([true]);
    // Read as format 2, the same stored signature does not verify: the format is what decides.
    expect(storedApprovals(db).map((row) => approvalSignatureHolds({ ...row, signature_format: 2 }))).toEqual([false]);
    // And at the latest schema, the verifier reads the whole database as sound.
    migrate(db);
    expect(await verifyDatabase(db)).toMatchObject({
      ok: true,
      firstProblem: null,
      approvals: { checked: 1, problems: [] },
    });
    db.close();
  });

  it('keeps the event log append-only and refuses a format that does not exist', () => {
    const { db } = versionSevenDatabase();
    migrate(db, 8);
    expect(() => db.prepare('UPDATE article_events SET signature_format = 2').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM article_events').run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO article_events (id, article_id, kind, actor_id, at, from_status, to_status, content_hash,
                                       signature_format)
           VALUES ('e9', ?, 'approval_voided', ?, ?, 'approved', 'submitted', 'h', 3)`,
        )
        .run(UUID.article, UUID.user, NOW),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('shows the migrated approval as valid in the app, and a moved one as broken', () => {
    const { db, file } = versionSevenDatabase();
    db.close();
    const core = openTestCore({ copyOf: file });
    try {
      expect(loadArticle(core.ctx, UUID.article)).toMatchObject({
        status: 'approved',
        approval: 'valid',
        latestApproval: { valid: true, problem: null, keyFingerprint: fingerprint },
      });
      // A format-1 signature never named its article: relabelled as format 2, it stops verifying.
      core.db.exec('DROP TRIGGER article_events_no_update');
      core.db.prepare("UPDATE article_events SET signature_format = 2 WHERE kind = 'approved'").run();
      expect(loadArticle(core.ctx, UUID.article)?.latestApproval).toMatchObject({
        valid: false,
        problem: 'bad_signature',
      });
    } finally {
      core.close();
    }
  });
});
