import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSeededCore, tamper as tamperDb, type TestCore } from '../testkit';
import { hashAuditRow, verifyAudit } from './log';

let core: TestCore;
beforeEach(async () => {
  const seeded = await openSeededCore();
  core = seeded.core;
  await core.call('articles.create', { title: 'Một' }, seeded.sessions.phongvien);
  await core.call('articles.create', { title: 'Hai' }, seeded.sessions.phongvien);
});
afterEach(() => core.close());

/** Tampering the way someone with the file and sqlite3 would: triggers first. */
const tamper = (sql: string, ...params: unknown[]) => tamperDb(core.db, sql, ...params);

const seqs = () =>
  (core.db.prepare('SELECT seq FROM audit_log ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);

describe('audit log', () => {
  it('chains logins, account changes and article creation, and verifies clean', () => {
    const actions = core.db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['user.create', 'auth.login', 'article.create']),
    );
    expect(verifyAudit(core.ctx)).toMatchObject({ ok: true, rows: actions.length });
  });

  it('names the first edited row', () => {
    const target = seqs()[3]!;
    tamper('UPDATE audit_log SET details = \'{"role":"admin"}\' WHERE seq = ?', target);
    expect(verifyAudit(core.ctx)).toMatchObject({ ok: false, firstBrokenSeq: target, reason: 'hash' });
  });

  it('names the row after a deleted one', () => {
    const all = seqs();
    tamper('DELETE FROM audit_log WHERE seq = ?', all[2]);
    expect(verifyAudit(core.ctx)).toMatchObject({ ok: false, firstBrokenSeq: all[3], reason: 'prev_hash' });
  });

  it('catches two rows swapped', () => {
    const all = seqs();
    const [a, b] = [all[1]!, all[2]!];
    tamper('UPDATE audit_log SET seq = -1 WHERE seq = ?', a);
    core.db.prepare('UPDATE audit_log SET seq = ? WHERE seq = ?').run(a, b);
    core.db.prepare('UPDATE audit_log SET seq = ? WHERE seq = -1').run(b);
    expect(verifyAudit(core.ctx)).toMatchObject({ ok: false, firstBrokenSeq: a });
  });

  it('catches a row rewritten with a fresh hash of its own', () => {
    const all = seqs();
    const row = core.db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(all[1]) as Record<string, string>;
    // A forger recomputing the edited row's own hash still breaks the next row's link.
    const forged = { ...row, action: 'auth.logout' };
    tamper(
      'UPDATE audit_log SET action = ?, hash = ? WHERE seq = ?',
      forged.action,
      hashAuditRow(forged as never),
      all[1],
    );
    expect(verifyAudit(core.ctx)).toMatchObject({ ok: false, firstBrokenSeq: all[2], reason: 'prev_hash' });
  });

  it('reports its head, and checks an anchor kept outside the file: a row cut off or rewritten shows', () => {
    const clean = verifyAudit(core.ctx);
    const last = core.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    expect(clean).toMatchObject({ ok: true, head: last });
    const anchor = clean.head!;
    expect(verifyAudit(core.ctx, anchor)).toMatchObject({ ok: true });
    expect(verifyAudit(core.ctx, { ...anchor, hash: anchor.hash.toUpperCase() })).toMatchObject({ ok: true });
    expect(verifyAudit(core.ctx, { ...anchor, hash: '0'.repeat(64) })).toMatchObject({
      ok: false,
      firstBrokenSeq: anchor.seq,
      reason: 'anchor_hash',
    });
    tamper('DELETE FROM audit_log WHERE seq = ?', anchor.seq);
    // The shorter chain is whole on its own; only the anchor knows a row is gone.
    expect(verifyAudit(core.ctx)).toMatchObject({ ok: true, head: { seq: seqs().at(-1) } });
    expect(verifyAudit(core.ctx, anchor)).toMatchObject({
      ok: false,
      firstBrokenSeq: anchor.seq,
      reason: 'anchor_missing',
    });
  });
});
