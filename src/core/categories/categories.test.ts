import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '../../shared/categories';
import { emptyEditorState } from '../articles/editorState';
import { openSeededCore, type TestCore } from '../testkit';

let core: TestCore | undefined;
afterEach(() => core?.close());

async function seeded() {
  const opened = await openSeededCore();
  core = opened.core;
  return { core: opened.core, s: opened.sessions };
}

function saveCategory(c: TestCore, session: string, id: string, version: number, category: string) {
  return c.tryCall(
    'articles.save',
    { id, baseVersion: version, title: 'Bài', summary: '', body: emptyEditorState(), category },
    session,
  );
}

describe('the office’s list of categories', () => {
  it('starts from the defaults plus every category an article already carries', async () => {
    const { core: c, s } = await seeded();
    const { id } = await c.call('articles.create', { title: 'Cũ' }, s.phongvien);
    // An article from before the list: its typed category joins the list rather than being lost.
    c.db.prepare("UPDATE articles SET category = 'Ẩm thực xứ Huế' WHERE id = ?").run(id);
    const list = await c.call('categories.list', {}, s.phongvien);
    expect(list.names).toEqual([...DEFAULT_CATEGORIES, 'Ẩm thực xứ Huế']);
    expect(list).toMatchObject({ reportersMayAdd: false, mayAdd: false });
    expect((await c.call('categories.list', {}, s.bientap)).mayAdd).toBe(true);
    expect((await c.tryCall('categories.list', {}, null)).ok).toBe(false);
  });

  it('is set by an administrator only, audited, and refuses a name twice however its marks are written', async () => {
    const { core: c, s } = await seeded();
    const list = { names: ['Văn hóa', 'Du lịch'], reportersMayAdd: false };
    for (const who of ['phongvien', 'bientap', 'truongphong']) {
      expect(await c.tryCall('categories.set', list, s[who])).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    const twice = await c.tryCall('categories.set', { ...list, names: ['Văn hóa', 'văn hoá'] }, s.quantri);
    expect(twice).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(twice)).toContain('trùng với “Văn hóa”');
    expect(await c.call('categories.set', list, s.quantri)).toMatchObject(list);
    expect((await c.call('categories.list', {}, s.phongvien)).names).toEqual(['Văn hóa', 'Du lịch']);
    expect(c.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'settings.categories'").pluck().get()).toBe(1);
  });

  it('holds an article to the list: a new category must be listed, an old one stays after the list drops it', async () => {
    const { core: c, s } = await seeded();
    await c.call('categories.set', { names: ['Văn hóa', 'Du lịch'], reportersMayAdd: false }, s.quantri);
    const { id } = await c.call('articles.create', { title: 'Bài' }, s.phongvien);

    const typo = await saveCategory(c, s.phongvien!, id, 1, 'Văn hoá');
    expect(typo).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(typo)).toContain('danh sách có “Văn hóa”');
    expect(await saveCategory(c, s.phongvien!, id, 1, 'Thời trang')).toMatchObject({ ok: false });
    expect(c.db.prepare('SELECT category, version FROM articles WHERE id = ?').get(id)).toEqual({
      category: '',
      version: 1,
    });

    expect(await saveCategory(c, s.phongvien!, id, 1, 'Văn hóa')).toMatchObject({ ok: true });
    await c.call('categories.set', { names: ['Du lịch'], reportersMayAdd: false }, s.quantri);
    // The article keeps what it has; only a change is held to the list.
    expect(await saveCategory(c, s.phongvien!, id, 2, 'Văn hóa')).toMatchObject({ ok: true });
    expect(await saveCategory(c, s.phongvien!, id, 3, '')).toMatchObject({ ok: true });
    expect(await saveCategory(c, s.phongvien!, id, 4, 'Văn hóa')).toMatchObject({ ok: false });
  });

  it('grows from an article by those allowed: reviewers always, reporters when the office allows it', async () => {
    const { core: c, s } = await seeded();
    await c.call('categories.set', { names: ['Văn hóa'], reportersMayAdd: false }, s.quantri);
    expect(await c.tryCall('categories.add', { name: 'Ẩm thực' }, s.phongvien)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const added = await c.call('categories.add', { name: ' Ẩm thực ' }, s.bientap);
    expect(added).toMatchObject({ name: 'Ẩm thực', names: ['Văn hóa', 'Ẩm thực'] });
    // The same name written another way is the listed entry, not a second one.
    expect(await c.call('categories.add', { name: 'VĂN HOÁ' }, s.truongphong)).toMatchObject({
      name: 'Văn hóa',
      names: ['Văn hóa', 'Ẩm thực'],
    });
    expect(c.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'category.add'").pluck().get()).toBe(1);

    await c.call('categories.set', { names: ['Văn hóa'], reportersMayAdd: true }, s.quantri);
    expect((await c.call('categories.list', {}, s.phongvien)).mayAdd).toBe(true);
    expect(await c.call('categories.add', { name: 'Giáo dục' }, s.phongvien)).toMatchObject({ name: 'Giáo dục' });
  });
});
