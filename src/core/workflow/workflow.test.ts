import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approve, approvedArticle, edit, writeArticle } from '../reviewkit';
import { verifyAudit } from '../audit/log';
import { openSeededCore, PASSWORD, type TestCore } from '../testkit';
import { replayStatus } from './events';

let core: TestCore;
let s: Record<string, string>;
beforeEach(async () => {
  ({ core, sessions: s } = await openSeededCore());
});
afterEach(() => core.close());

/** The status column is only a cache: it must always equal what the event log replays to. */
function expectCacheMatchesLog(): void {
  const rows = core.db.prepare('SELECT id, status FROM articles').all() as { id: string; status: string }[];
  for (const row of rows) expect(replayStatus(core, row.id), row.id).toBe(row.status);
}

describe('the review workflow', () => {
  it('goes draft → submitted → changes requested → submitted → approved → (edit voids) → approved → published', async () => {
    const article = await writeArticle(core, s.phongvien!);
    expect(article).toMatchObject({ status: 'draft', approval: 'none', live: false });
    const id = article.id;

    await core.call('workflow.submit', { articleId: id, note: 'Nhờ anh duyệt' }, s.phongvien);
    expectCacheMatchesLog();
    const waiting = await core.call('review.queue', {}, s.truongphong);
    expect(waiting.waiting.map((a) => a.id)).toEqual([id]);
    expect(waiting.counts).toMatchObject({ submitted: 1, draft: 0 });

    await core.call('workflow.requestChanges', { articleId: id, note: 'Sửa câu đầu' }, s.truongphong);
    const returned = await core.call('review.queue', {}, s.phongvien);
    expect(returned.returned.map((a) => a.id)).toEqual([id]);
    expect(returned.waiting).toEqual([]);
    expect((await core.call('review.queue', {}, s.truongphong)).waiting).toEqual([]);

    await edit(core, s.phongvien!, id, 'Lễ hội Huế diễn ra rất sôi nổi. Người dân đón chào du khách.');
    await core.call('workflow.submit', { articleId: id }, s.phongvien);
    const approved = await approve(core, s.truongphong!, id);
    expect(approved).toMatchObject({ status: 'approved', approval: 'valid' });
    expect(approved.latestApproval).toMatchObject({
      valid: true,
      problem: null,
      approverName: 'Nguyễn Văn Thuỷ',
      signedHash: approved.contentHash,
    });
    expectCacheMatchesLog();

    // One word changed by the reporter: the sign-off is void, visibly, and the article is back in review.
    const saved = await edit(core, s.phongvien!, id, 'Lễ hội Huế diễn ra rất sôi động. Người dân đón chào du khách.');
    expect(saved).toMatchObject({ status: 'submitted', approvalVoided: true });
    const voided = await core.call('articles.get', { id }, s.truongphong);
    expect(voided).toMatchObject({ status: 'submitted', approval: 'invalid' });
    expect(voided.latestApproval).toMatchObject({ valid: false, problem: 'content_changed' });
    expect(await core.tryCall('workflow.publish', { articleId: id }, s.truongphong)).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_INVALID' },
    });

    await approve(core, s.truongphong!, id);
    const published = await core.call('workflow.publish', { articleId: id }, s.truongphong);
    expect(published).toMatchObject({ status: 'published', live: true, publishedHash: published.contentHash });
    expectCacheMatchesLog();

    const history = await core.call('workflow.history', { articleId: id }, s.phongvien);
    expect(history.items.map((e) => [e.kind, e.fromStatus, e.toStatus, e.actorName])).toEqual([
      ['submitted', 'draft', 'submitted', 'Huỳnh Thị Ly'],
      ['changes_requested', 'submitted', 'changes_requested', 'Nguyễn Văn Thuỷ'],
      ['submitted', 'changes_requested', 'submitted', 'Huỳnh Thị Ly'],
      ['approved', 'submitted', 'approved', 'Nguyễn Văn Thuỷ'],
      ['approval_voided', 'approved', 'submitted', 'Huỳnh Thị Ly'],
      ['approved', 'submitted', 'approved', 'Nguyễn Văn Thuỷ'],
      ['published', 'approved', 'published', 'Nguyễn Văn Thuỷ'],
    ]);
    expect(history.items[0]!.note).toBe('Nhờ anh duyệt');
    expect(history.items[1]!.note).toBe('Sửa câu đầu');
    expect(history.items.filter((e) => e.kind === 'approved').map((e) => e.signatureValid)).toEqual([true, true]);
    expect(history.items.find((e) => e.kind === 'published')!.revisionId).toEqual(expect.any(String));
  });

  it('refuses transitions the table does not allow, without writing anything', async () => {
    const { id } = await writeArticle(core, s.phongvien!);
    const before = core.changes();
    expect(await core.tryCall('workflow.requestChanges', { articleId: id, note: 'x' }, s.truongphong)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_TRANSITION', message: expect.stringContaining('“nháp”') },
    });
    expect(
      await core.tryCall('workflow.approve', { articleId: id, version: 2, password: 'x' }, s.truongphong),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_TRANSITION' },
    });
    expect(await core.tryCall('workflow.withdraw', { articleId: id }, s.truongphong)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_TRANSITION' },
    });
    await core.call('workflow.submit', { articleId: id }, s.phongvien);
    expect(await core.tryCall('workflow.submit', { articleId: id }, s.phongvien)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_TRANSITION' },
    });
    expect(core.db.prepare('SELECT count(*) AS n FROM article_events').get()).toEqual({ n: 1 });
    expect(core.changes()).toBeGreaterThan(before);
    expectCacheMatchesLog();
  });

  it('asks for the approver’s own password and the version they read', async () => {
    const { id, version } = await writeArticle(core, s.phongvien!);
    await core.call('workflow.submit', { articleId: id }, s.phongvien);
    expect(
      await core.tryCall(
        'workflow.approve',
        { articleId: id, version, password: 'không-phải-mật-khẩu' },
        s.truongphong,
      ),
    ).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    expect(
      await core.tryCall('workflow.approve', { articleId: id, version: version - 1, password: 'x' }, s.truongphong),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(core.db.prepare("SELECT count(*) AS n FROM article_events WHERE kind = 'approved'").get()).toEqual({ n: 0 });
  });

  it('keeps the published version while an edit of a published article is reviewed again', async () => {
    const { id } = await approvedArticle(core, s.phongvien!, s.truongphong!);
    const published = await core.call('workflow.publish', { articleId: id }, s.truongphong);
    const saved = await edit(core, s.phongvien!, id, 'Bản sửa sau khi đăng.');
    expect(saved).toMatchObject({ status: 'submitted', approvalVoided: true });
    const reviewing = await core.call('articles.get', { id }, s.phongvien);
    expect(reviewing).toMatchObject({ live: true, publishedHash: published.contentHash, approval: 'invalid' });
    expect(reviewing.contentHash).not.toBe(published.contentHash);
    await approve(core, s.truongphong!, id);
    const again = await core.call('workflow.publish', { articleId: id }, s.truongphong);
    expect(again.publishedHash).toBe(reviewing.contentHash);
    expectCacheMatchesLog();
  });

  it('schedules only into the future and only with a valid sign-off; withdraws what is scheduled', async () => {
    const { id } = await approvedArticle(core, s.phongvien!, s.truongphong!);
    const past = new Date(core.clock.now.getTime() - 1000).toISOString();
    expect(await core.tryCall('workflow.schedule', { articleId: id, at: past }, s.truongphong)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const at = new Date(core.clock.now.getTime() + 3_600_000).toISOString();
    const scheduled = await core.call('workflow.schedule', { articleId: id, at }, s.truongphong);
    expect(scheduled).toMatchObject({ status: 'scheduled', scheduledFor: at });
    const withdrawn = await core.call('workflow.withdraw', { articleId: id, note: 'Hoãn' }, s.truongphong);
    expect(withdrawn).toMatchObject({ status: 'withdrawn', scheduledFor: null });
    expectCacheMatchesLog();
  });

  it('saves the same text over an approval without voiding it', async () => {
    const article = await approvedArticle(core, s.phongvien!, s.truongphong!);
    const saved = await core.call(
      'articles.save',
      {
        id: article.id,
        baseVersion: article.version,
        title: article.title,
        summary: article.summary,
        body: article.body,
      },
      s.phongvien,
    );
    expect(saved).toMatchObject({ status: 'approved', approvalVoided: false });
    // Metadata is signed too: a new tag voids.
    const tagged = await core.call(
      'articles.save',
      {
        id: article.id,
        baseVersion: saved.version,
        title: article.title,
        summary: article.summary,
        body: article.body,
        tags: ['Huế'],
      },
      s.phongvien,
    );
    expect(tagged.approvalVoided).toBe(true);
  });
});

describe('tampering', () => {
  it('one byte changed in SQLite shows the approval as invalid everywhere and publishing refuses it', async () => {
    const { id } = await approvedArticle(core, s.phongvien!, s.truongphong!);
    core.db.prepare("UPDATE articles SET title = replace(title, '2026', '2025') WHERE id = ?").run(id);
    const article = await core.call('articles.get', { id }, s.truongphong);
    expect(article).toMatchObject({ status: 'approved', approval: 'invalid' });
    expect(article.latestApproval).toMatchObject({ valid: false, problem: 'content_changed' });
    const list = await core.call('articles.list', {}, s.truongphong);
    expect(list.items.find((a) => a.id === id)?.approval).toBe('invalid');
    expect(await core.tryCall('workflow.publish', { articleId: id }, s.truongphong)).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_INVALID' },
    });
    expect(
      await core.tryCall('workflow.schedule', { articleId: id, at: '2030-01-01T00:00:00.000Z' }, s.truongphong),
    ).toMatchObject({ ok: false, error: { code: 'APPROVAL_INVALID' } });
  });

  it('a forged signature or hash in the event log is caught even when the text matches', async () => {
    const { id, contentHash } = await approvedArticle(core, s.phongvien!, s.truongphong!);
    core.db.exec('DROP TRIGGER article_events_no_update');
    const signature = (
      core.db.prepare("SELECT signature FROM article_events WHERE kind = 'approved'").get() as {
        signature: string;
      }
    ).signature;
    const bytes = Buffer.from(signature, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    core.db.prepare("UPDATE article_events SET signature = ? WHERE kind = 'approved'").run(bytes.toString('base64'));
    const article = await core.call('articles.get', { id }, s.truongphong);
    expect(article.latestApproval).toMatchObject({ valid: false, problem: 'bad_signature', signedHash: contentHash });
    expect((await core.call('workflow.history', { articleId: id }, s.truongphong)).items[1]!.signatureValid).toBe(
      false,
    );
    expect(await core.tryCall('workflow.publish', { articleId: id }, s.truongphong)).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_INVALID' },
    });
  });

  it('events cannot be edited or deleted through SQL', async () => {
    await approvedArticle(core, s.phongvien!, s.truongphong!);
    expect(() => core.db.prepare("UPDATE article_events SET note = 'x'").run()).toThrow(/append-only/);
    expect(() => core.db.prepare('DELETE FROM article_events').run()).toThrow(/append-only/);
  });
});

describe('the audit chain', () => {
  it('records every login, transition, approval, publish, comment and account change, and stays verifiable', async () => {
    const start = (core.db.prepare('SELECT max(seq) AS n FROM audit_log').get() as { n: number }).n;
    await core.call('auth.login', { username: 'bientap', password: PASSWORD });
    const { id } = await approvedArticle(core, s.phongvien!, s.truongphong!);
    const comment = await core.call('comments.add', { articleId: id, body: 'Tốt' }, s.bientap);
    await core.call('comments.reply', { commentId: comment.id, body: 'Cảm ơn' }, s.phongvien);
    await core.call('workflow.publish', { articleId: id }, s.truongphong);
    await core.call('workflow.withdraw', { articleId: id }, s.truongphong);
    const phongvien2 = (core.db.prepare("SELECT id FROM users WHERE username = 'phongvien2'").get() as { id: string })
      .id;
    await core.call('users.disable', { id: phongvien2 }, s.quantri);
    const rows = core.db.prepare('SELECT action, details FROM audit_log WHERE seq > ? ORDER BY seq').all(start) as {
      action: string;
      details: string;
    }[];
    expect(rows.map((r) => r.action)).toEqual([
      'auth.login',
      'article.create',
      'workflow.submitted',
      'workflow.approved',
      'comment.add',
      'comment.reply',
      'workflow.published',
      'workflow.withdrawn',
      'user.disable',
    ]);
    const approval = JSON.parse(rows[3]!.details) as Record<string, string>;
    expect(approval).toMatchObject({
      from: 'submitted',
      to: 'approved',
      keyFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(verifyAudit(core)).toMatchObject({ ok: true });
  });
});
