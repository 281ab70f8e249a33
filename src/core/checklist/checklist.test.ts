import { describe, expect, it } from 'vitest';
import type { EditorState } from '../../shared/domain';
import { approve, bodyWithImage, imageNode, uploadPhoto as upload, writeArticle } from '../reviewkit';
import { seededCorePerTest } from '../seededTests';
import type { TestCore } from '../testkit';

const seeded = seededCorePerTest();

const uploadPhoto = (core: TestCore, session: string) =>
  upload(core, session, { background: '#805020', format: 'png' });

const withImage = (text: string, hash: string, altText: string): EditorState =>
  bodyWithImage([text], imageNode(hash, { altText }));

describe('the checklist before submit and approve', () => {
  it('lists what is missing, blocking only what the office set to block', async () => {
    const { core, sessions } = await seeded();
    const { id } = await core.call('articles.create', {}, sessions.phongvien);
    const hash = await uploadPhoto(core, sessions.phongvien!);
    await core.call(
      'articles.save',
      { id, baseVersion: 1, title: '  ', summary: '', body: withImage('Nội dung.', hash, '') },
      sessions.phongvien,
    );
    const list = await core.call('checklist.get', { articleId: id }, sessions.phongvien);
    expect(list.blocking.map((item) => item.check)).toEqual(['title', 'imageAlt']);
    expect(list.warnings.map((item) => item.check)).toEqual(['summary', 'category']);
    expect(list.blocking[1]!.message).toMatch(/^1 ảnh chưa có mô tả thay thế/);
    expect(await core.tryCall('checklist.get', { articleId: id }, sessions.phongvien2)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('refuses to submit with a clear error, and submits once the article is fixed', async () => {
    const { core, sessions } = await seeded();
    const { id } = await core.call('articles.create', {}, sessions.phongvien);
    const hash = await uploadPhoto(core, sessions.phongvien!);
    await core.call(
      'articles.save',
      { id, baseVersion: 1, title: '', summary: 'Sapo', body: withImage('Nội dung.', hash, '') },
      sessions.phongvien,
    );
    const trail = () =>
      core.db
        .prepare(
          `SELECT (SELECT count(*) FROM article_events WHERE article_id = ?) AS events,
                  (SELECT count(*) FROM revisions WHERE article_id = ?) AS revisions`,
        )
        .get(id, id);
    const before = trail();
    const refused = await core.tryCall('workflow.submit', { articleId: id }, sessions.phongvien);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CHECKLIST_BLOCKED' } });
    if (!refused.ok) {
      expect(refused.error.message).toContain('Bài chưa có tiêu đề');
      expect(refused.error.issues?.map((issue) => issue.path)).toEqual(['title', 'imageAlt']);
    }
    // Nothing of the refused transition stays: no event, no named revision.
    expect(trail()).toEqual(before);
    expect((await core.call('articles.get', { id }, sessions.phongvien)).status).toBe('draft');

    await core.call(
      'articles.save',
      { id, baseVersion: 2, title: 'Lễ hội', summary: 'Sapo', body: withImage('Nội dung.', hash, 'Quang cảnh lễ hội') },
      sessions.phongvien,
    );
    expect((await core.call('workflow.submit', { articleId: id }, sessions.phongvien)).status).toBe('submitted');
  });

  it('refuses a sign-off on what the office made blocking since the submission', async () => {
    const { core, sessions } = await seeded();
    const article = await writeArticle(core, sessions.phongvien!);
    await core.call('workflow.submit', { articleId: article.id }, sessions.phongvien);
    await core.call(
      'proofread.settings.set',
      { toneStyle: null, blockingChecks: ['title', 'category'], disabledRules: [] },
      sessions.quantri,
    );
    await expect(approve(core, sessions.truongphong!, article.id)).rejects.toThrow(/CHECKLIST_BLOCKED.*chuyên mục/);
    const current = await core.call('articles.get', { id: article.id }, sessions.truongphong);
    await core.call(
      'articles.save',
      {
        id: article.id,
        baseVersion: current.version,
        title: current.title,
        summary: current.summary,
        body: current.body,
        category: 'Văn hóa',
      },
      sessions.truongphong,
    );
    expect((await approve(core, sessions.truongphong!, article.id)).status).toBe('approved');
  });

  it('reports a wrong state before a missing field', async () => {
    const { core, sessions } = await seeded();
    const { id } = await core.call('articles.create', {}, sessions.phongvien);
    expect(
      await core.tryCall('workflow.approve', { articleId: id, version: 1, password: 'x' }, sessions.truongphong),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
  });
});
