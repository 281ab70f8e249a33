import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { edit, writeArticle } from '../reviewkit';
import { openSeededCore, type TestCore } from '../testkit';
import { anchorFor, resolveAnchor } from './anchor';

let core: TestCore;
let s: Record<string, string>;
beforeEach(async () => {
  ({ core, sessions: s } = await openSeededCore());
});
afterEach(() => core.close());

const TEXT = 'Lễ hội Huế diễn ra sôi nổi. Người dân đón chào du khách.';

describe('text-quote anchors', () => {
  it('follow the quoted text through edits and tell repeats apart by their context', () => {
    const text = 'Huế đẹp. Người dân Huế hiếu khách. Huế mộng mơ.';
    const second = text.indexOf('Huế', 5);
    const anchor = anchorFor(text, second, second + 3);
    expect(resolveAnchor(text, anchor)).toEqual({ start: second, end: second + 3 });
    const edited = 'Mở đầu mới. ' + text;
    expect(resolveAnchor(edited, anchor)).toEqual({ start: second + 12, end: second + 15 });
    expect(resolveAnchor('Không còn gì ở đây.', anchor)).toBeNull();
  });
});

describe('comments', () => {
  it('anchor on a sentence, survive edits elsewhere, detach when the sentence goes, and reply and resolve by appending', async () => {
    const { id } = await writeArticle(core, s.phongvien!, TEXT);
    const start = TEXT.indexOf('sôi nổi');
    const thread = await core.call(
      'comments.add',
      { articleId: id, anchor: anchorFor(TEXT, start, start + 'sôi nổi'.length), body: 'Từ này sáo rỗng.' },
      s.truongphong,
    );
    expect(thread).toMatchObject({
      authorName: 'Nguyễn Văn Thuỷ',
      position: { start, end: start + 7 },
      detached: false,
      resolved: false,
    });

    await edit(core, s.phongvien!, id, 'Sáng nay, ' + TEXT);
    let [listed] = (await core.call('comments.list', { articleId: id }, s.phongvien)).items;
    expect(listed!.position).toEqual({ start: start + 10, end: start + 17 });

    const reply = await core.call('comments.reply', { commentId: thread.id, body: 'Em sửa ngay.' }, s.phongvien);
    expect(reply.replies.map((r) => [r.authorName, r.body])).toEqual([['Huỳnh Thị Ly', 'Em sửa ngay.']]);
    await edit(core, s.phongvien!, id, 'Lễ hội Huế diễn ra náo nhiệt. Người dân đón chào du khách.');
    [listed] = (await core.call('comments.list', { articleId: id }, s.truongphong)).items;
    expect(listed).toMatchObject({ detached: true, position: null });

    // Resolving via a reply's id resolves its thread; resolving twice writes nothing more.
    const resolved = await core.call('comments.resolve', { commentId: reply.replies[0]!.id }, s.truongphong);
    expect(resolved).toMatchObject({ resolved: true, resolvedBy: 'Nguyễn Văn Thuỷ' });
    await core.call('comments.resolve', { commentId: thread.id }, s.truongphong);
    const kinds = core.db.prepare('SELECT kind FROM comment_entries ORDER BY seq').all();
    expect(kinds).toEqual([{ kind: 'comment' }, { kind: 'reply' }, { kind: 'resolved' }]);
  });

  it('takes a comment without an anchor, refuses an anchor not in the text, and hides others’ articles', async () => {
    const { id } = await writeArticle(core, s.phongvien!, TEXT);
    expect(await core.call('comments.add', { articleId: id, body: 'Cần thêm ảnh.' }, s.bientap)).toMatchObject({
      anchor: null,
      position: null,
      detached: false,
    });
    expect(
      await core.tryCall(
        'comments.add',
        { articleId: id, anchor: { exact: 'không có', prefix: '', suffix: '' }, body: 'x' },
        s.bientap,
      ),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.tryCall('comments.add', { articleId: id, body: 'x' }, s.phongvien2)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await core.tryCall('comments.list', { articleId: id }, s.phongvien2)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
