import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/api/envelope';
import type { ArticleForCaller } from '../../shared/review';
import { approve, approvedArticle, body, edit, writeArticle } from '../reviewkit';
import { openSeededCore, PASSWORD, withAccounts, openTestCore, STANDARD_ACCOUNTS, type TestCore } from '../testkit';

const cores: TestCore[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});

async function seeded() {
  const seed = await openSeededCore();
  cores.push(seed.core);
  return seed;
}

const get = (core: TestCore, id: string, session: string): Promise<ArticleForCaller> =>
  core.call('articles.get', { id }, session);

async function save(core: TestCore, id: string, session: string, text: string): Promise<ApiResult> {
  const article = await core.call('articles.get', { id }, session);
  return core.tryCall(
    'articles.save',
    { id, baseVersion: article.version, title: article.title, summary: article.summary, body: body(text) },
    session,
  );
}

const events = (core: TestCore, id: string) =>
  core.db.prepare('SELECT kind, from_status, to_status FROM article_events WHERE article_id = ? ORDER BY seq').all(id);

describe('a submitted article and its author', () => {
  it('refuses the author’s save, saying why in Vietnamese, and writes nothing', async () => {
    const { core, sessions: s } = await seeded();
    const { id } = await writeArticle(core, s.phongvien!);
    await core.call('workflow.submit', { articleId: id }, s.phongvien);
    const before = await get(core, id, s.phongvien!);
    expect(before.editing).toBe('locked');
    const changes = core.changes();
    const result = await save(core, id, s.phongvien!, 'Sửa lén trong lúc chờ duyệt.');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'IN_REVIEW', message: expect.stringContaining('Rút lại') },
    });
    expect(core.changes()).toBe(changes);
    expect((await get(core, id, s.phongvien!)).version).toBe(before.version);
  });

  it('refuses restoring an older revision by the author too', async () => {
    const { core, sessions: s } = await seeded();
    const { id } = await writeArticle(core, s.phongvien!);
    await core.call('workflow.submit', { articleId: id }, s.phongvien);
    const { items } = await core.call('revisions.list', { articleId: id }, s.phongvien);
    const oldest = (items as { id: string }[]).at(-1)!;
    const { version } = await get(core, id, s.phongvien!);
    const result = await core.tryCall(
      'revisions.restore',
      { revisionId: oldest.id, baseVersion: version },
      s.phongvien,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'IN_REVIEW' } });
  });

  it('still lets an editor and a head correct it, as the matrix says', async () => {
    const { core, sessions: s } = await seeded();
    const { id } = await writeArticle(core, s.phongvien!);
    await core.call('workflow.submit', { articleId: id }, s.phongvien);
    for (const who of ['bientap', 'truongphong']) {
      expect((await get(core, id, s[who]!)).editing).toBe('open');
      expect(await save(core, id, s[who]!, `Sửa bởi ${who}.`)).toMatchObject({
        ok: true,
        value: { status: 'submitted' },
      });
    }
  });

  it('opens again for the author once the article is returned', async () => {
    const { core, sessions: s } = await seeded();
    const { id } = await writeArticle(core, s.phongvien!);
    await core.call('workflow.submit', { articleId: id }, s.phongvien);
    await core.call('workflow.requestChanges', { articleId: id, note: 'Thêm nguồn.' }, s.bientap);
    expect((await get(core, id, s.phongvien!)).editing).toBe('open');
    expect(await save(core, id, s.phongvien!, 'Đã thêm nguồn.')).toMatchObject({ ok: true });
  });
});

describe('taking an article back from review (Rút lại)', () => {
  it('moves it to draft with an event and an audit entry, and lets the author edit and send it again', async () => {
    const { core, sessions: s } = await seeded();
    const { id } = await writeArticle(core, s.phongvien!);
    await core.call('workflow.submit', { articleId: id }, s.phongvien);
    expect((await get(core, id, s.phongvien!)).actions).toEqual(['retract']);
    const back = await core.call('workflow.retract', { articleId: id, note: 'Còn thiếu ảnh.' }, s.phongvien);
    expect(back.status).toBe('draft');
    expect(events(core, id)).toEqual([
      { kind: 'submitted', from_status: 'draft', to_status: 'submitted' },
      { kind: 'retracted', from_status: 'submitted', to_status: 'draft' },
    ]);
    const audit = core.db
      .prepare("SELECT details FROM audit_log WHERE action = 'workflow.retracted' AND subject_id = ?")
      .pluck()
      .all(id) as string[];
    expect(audit.map((details) => JSON.parse(details))).toEqual([
      expect.objectContaining({ from: 'submitted', to: 'draft', note: 'Còn thiếu ảnh.' }),
    ]);
    const reopened = await get(core, id, s.phongvien!);
    expect(reopened).toMatchObject({ editing: 'open', actions: ['submit'] });
    await edit(core, s.phongvien!, id, 'Đã thêm ảnh.');
    expect((await core.call('workflow.submit', { articleId: id }, s.phongvien)).status).toBe('submitted');
  });

  it('is the author’s alone: an editor or a head returns the article instead', async () => {
    const { core, sessions: s } = await seeded();
    const { id } = await writeArticle(core, s.phongvien!);
    await core.call('workflow.submit', { articleId: id }, s.phongvien);
    for (const who of ['bientap', 'truongphong', 'phongvien2']) {
      const result = await core.tryCall('workflow.retract', { articleId: id }, s[who]);
      expect(result.ok, who).toBe(false);
      if (!result.ok) expect(['FORBIDDEN', 'NOT_FOUND']).toContain(result.error.code);
    }
    expect((await get(core, id, s.truongphong!)).actions).not.toContain('retract');
    expect(events(core, id)).toHaveLength(1);
  });

  it('only takes back an article that is in review', async () => {
    const { core, sessions: s } = await seeded();
    const draft = await writeArticle(core, s.phongvien!);
    expect(await core.tryCall('workflow.retract', { articleId: draft.id }, s.phongvien)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_TRANSITION' },
    });
    const approved = await approvedArticle(core, s.phongvien!, s.truongphong!);
    expect(await core.tryCall('workflow.retract', { articleId: approved.id }, s.phongvien)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_TRANSITION' },
    });
  });
});

describe('a signed article', () => {
  it('opens read-only with a warning for everyone who may edit it, and the first save still voids the sign-off', async () => {
    const { core, sessions: s } = await seeded();
    const { id } = await approvedArticle(core, s.phongvien!, s.truongphong!);
    for (const who of ['phongvien', 'bientap', 'truongphong']) {
      expect((await get(core, id, s[who]!)).editing, who).toBe('voidsApproval');
    }
    expect((await get(core, id, s.phongvien2!).catch(() => null))?.editing).toBeUndefined();
    await core.call('workflow.publish', { articleId: id }, s.truongphong);
    expect((await get(core, id, s.truongphong!)).editing).toBe('voidsApproval');
    const saved = await save(core, id, s.truongphong!, 'Sửa sau khi đăng.');
    expect(saved).toMatchObject({ ok: true, value: { approvalVoided: true, status: 'submitted' } });
    expect((await get(core, id, s.truongphong!)).editing).toBe('open');
  });
});

describe('an author editing her signed article', () => {
  it('keeps editing after her first save voids the sign-off, until she sends it again', async () => {
    const { core, sessions: s } = await seeded();
    const { id } = await approvedArticle(core, s.phongvien!, s.truongphong!);
    expect(await save(core, id, s.phongvien!, 'Sửa sau khi duyệt.')).toMatchObject({
      ok: true,
      value: { approvalVoided: true, status: 'submitted' },
    });
    expect((await get(core, id, s.phongvien!)).editing).toBe('open');
    expect(await save(core, id, s.phongvien!, 'Sửa tiếp.')).toMatchObject({
      ok: true,
      value: { approvalVoided: false },
    });
    await core.call('workflow.requestChanges', { articleId: id, note: 'Xem lại.' }, s.truongphong);
    await core.call('workflow.submit', { articleId: id }, s.phongvien);
    expect((await get(core, id, s.phongvien!)).editing).toBe('locked');
  });
});

/** An office with two heads: `truongphong` and `truongphong2`. */
async function twoHeads() {
  const core = openTestCore();
  cores.push(core);
  const s = await withAccounts(core, [
    ...STANDARD_ACCOUNTS,
    { username: 'truongphong2', role: 'head', displayName: 'Phạm Thị Mai' },
  ]);
  const { id } = await writeArticle(core, s.truongphong!);
  await core.call('workflow.submit', { articleId: id }, s.truongphong);
  return { core, s, id };
}

describe('a head signing an article she wrote', () => {
  it('is refused by default while another head could sign, and the button is not offered', async () => {
    const { core, s, id } = await twoHeads();
    expect((await get(core, id, s.truongphong!)).actions).not.toContain('approve');
    expect((await get(core, id, s.truongphong2!)).actions).toContain('approve');
    const { version } = await get(core, id, s.truongphong!);
    const changes = core.changes();
    const result = await core.tryCall(
      'workflow.approve',
      { articleId: id, version, password: PASSWORD },
      s.truongphong,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('chính bạn viết') },
    });
    expect(core.changes()).toBe(changes);
    // The other head signs it as usual.
    expect((await approve(core, s.truongphong2!, id)).status).toBe('approved');
  });

  it('is allowed by default once no other active account may sign', async () => {
    const { core, s, id } = await twoHeads();
    const other = core.db.prepare("SELECT id FROM users WHERE username = 'truongphong2'").pluck().get() as string;
    await core.call('users.disable', { id: other }, s.quantri);
    expect((await get(core, id, s.truongphong!)).actions).toContain('approve');
    expect((await approve(core, s.truongphong!, id)).status).toBe('approved');
  });

  it('follows the office setting: never, or always', async () => {
    const { core, s, id } = await twoHeads();
    expect(await core.call('workflow.settings.get', {}, s.truongphong)).toEqual({ selfApproval: 'whenSoleSigner' });
    expect(await core.tryCall('workflow.settings.set', { selfApproval: 'always' }, s.truongphong)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await core.call('workflow.settings.set', { selfApproval: 'never' }, s.quantri);
    const other = core.db.prepare("SELECT id FROM users WHERE username = 'truongphong2'").pluck().get() as string;
    await core.call('users.disable', { id: other }, s.quantri);
    const { version } = await get(core, id, s.truongphong!);
    expect(
      await core.tryCall('workflow.approve', { articleId: id, version, password: PASSWORD }, s.truongphong),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('không tự ký duyệt') },
    });
    await core.call('users.enable', { id: other }, s.quantri);
    await core.call('workflow.settings.set', { selfApproval: 'always' }, s.quantri);
    expect(await core.call('workflow.settings.get', {}, s.phongvien)).toEqual({ selfApproval: 'always' });
    expect((await approve(core, s.truongphong!, id)).status).toBe('approved');
    const audit = core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'settings.workflow'").pluck().get();
    expect(audit).toBe(2);
  });
});
