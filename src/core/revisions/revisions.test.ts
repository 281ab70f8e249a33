import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approve, edit, writeArticle } from '../reviewkit';
import { openSeededCore, type TestCore } from '../testkit';
import { wordDiff } from './diff';

let core: TestCore;
let s: Record<string, string>;
beforeEach(async () => {
  ({ core, sessions: s } = await openSeededCore());
});
afterEach(() => core.close());

describe('word diff', () => {
  it('marks the one changed word, Vietnamese marks included', () => {
    expect(wordDiff('đường về Huế', 'đường vè Huế')).toEqual([
      { op: 'equal', text: 'đường ' },
      { op: 'delete', text: 'về' },
      { op: 'insert', text: 'vè' },
      { op: 'equal', text: ' Huế' },
    ]);
    expect(wordDiff('giống nhau', 'giống nhau')).toEqual([{ op: 'equal', text: 'giống nhau' }]);
  });
});

describe('revisions', () => {
  it('names a revision at every submit, request for changes, approval and publish, and compares them', async () => {
    const { id } = await writeArticle(core, s.phongvien!, 'Lễ hội diễn ra sôi nổi.');
    await core.call('workflow.submit', { articleId: id }, s.phongvien);
    await core.call('workflow.requestChanges', { articleId: id, note: 'Sửa' }, s.truongphong);
    await edit(core, s.phongvien!, id, 'Lễ hội diễn ra rất sôi nổi.');
    await core.call('workflow.submit', { articleId: id }, s.phongvien);
    await approve(core, s.truongphong!, id);
    await core.call('workflow.publish', { articleId: id }, s.truongphong);

    const { items } = await core.call('revisions.list', { articleId: id }, s.phongvien);
    const named = items.filter((r) => r.kind !== 'autosave');
    expect(named.map((r) => [r.kind, r.authorName])).toEqual([
      ['created', 'Huỳnh Thị Ly'],
      ['submitted', 'Huỳnh Thị Ly'],
      ['changes_requested', 'Nguyễn Văn Thuỷ'],
      ['submitted', 'Huỳnh Thị Ly'],
      ['approved', 'Nguyễn Văn Thuỷ'],
      ['published', 'Nguyễn Văn Thuỷ'],
    ]);

    const firstSubmission = named[1]!;
    const secondSubmission = named[3]!;
    const compared = await core.call(
      'revisions.compare',
      { articleId: id, from: firstSubmission.id, to: secondSubmission.id },
      s.truongphong,
    );
    expect(compared.body.filter((t) => t.op !== 'equal')).toEqual([{ op: 'insert', text: 'rất ' }]);
    expect(compared.from?.id).toBe(firstSubmission.id);

    // "Since approval" and "since my last submission" compare with the text as it is now.
    await edit(core, s.phongvien!, id, 'Lễ hội diễn ra rất sôi động.');
    const sinceApproval = await core.call('revisions.compare', { articleId: id, from: 'approved' }, s.truongphong);
    expect(sinceApproval.to).toBeNull();
    expect(sinceApproval.body.filter((t) => t.op !== 'equal').map((t) => t.text)).toEqual(['nổi', 'động']);
    const sinceMine = await core.call('revisions.compare', { articleId: id, from: 'my_submission' }, s.phongvien);
    expect(sinceMine.body.filter((t) => t.op !== 'equal').map((t) => t.text)).toEqual(['nổi', 'động']);
    expect(
      await core.tryCall('revisions.compare', { articleId: id, from: 'my_submission' }, s.truongphong),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    const got = await core.call('revisions.get', { id: firstSubmission.id }, s.phongvien);
    expect(got.bodyText).toBe('Lễ hội diễn ra sôi nổi.');
  });

  it('restores an old revision as a new one, voiding a sign-off like any edit', async () => {
    const { id } = await writeArticle(core, s.phongvien!, 'Bản đầu tiên.');
    await core.call('workflow.submit', { articleId: id }, s.phongvien);
    const first = (await core.call('revisions.list', { articleId: id }, s.phongvien)).items.find(
      (r) => r.kind === 'submitted',
    )!;
    await core.call('workflow.requestChanges', { articleId: id, note: 'Sửa' }, s.truongphong);
    await edit(core, s.phongvien!, id, 'Bản thứ hai.');
    await core.call('workflow.submit', { articleId: id }, s.phongvien);
    const approved = await approve(core, s.truongphong!, id);

    expect(
      await core.tryCall('revisions.restore', { revisionId: first.id, baseVersion: approved.version - 1 }, s.phongvien),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const restored = await core.call(
      'revisions.restore',
      { revisionId: first.id, baseVersion: approved.version },
      s.phongvien,
    );
    expect(restored).toMatchObject({ bodyText: 'Bản đầu tiên.', status: 'submitted', approval: 'invalid' });
    const kinds = (await core.call('revisions.list', { articleId: id }, s.phongvien)).items.map((r) => r.kind);
    expect(kinds[kinds.length - 1]).toBe('restored');
    expect(await core.tryCall('revisions.get', { id: first.id }, s.phongvien2)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
