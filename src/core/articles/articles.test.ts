import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { body } from '../reviewkit';
import { openSeededCore, type TestCore } from '../testkit';
import { editorStateToText, emptyEditorState, paragraphNode, textNode } from './editorState';
import { AUTOSAVE_COALESCE_MS, countRevisions } from './repo';

let core: TestCore;
let sessions: Record<string, string>;
beforeEach(async () => {
  ({ core, sessions } = await openSeededCore());
});
afterEach(() => core.close());

const sample = readFileSync(new URL('../../../fixtures/sample-article.txt', import.meta.url), 'utf8').split('\n');

describe('articles', () => {
  it('creates a draft, saves it, and reads back exactly what was saved', async () => {
    const created = await core.call('articles.create', {}, sessions.phongvien);
    expect(created).toMatchObject({ status: 'draft', version: 1, title: '', authorName: 'Huỳnh Thị Ly' });
    const title = sample[0]!;
    const paragraphs = [sample[4]!.trim(), sample[5]!.trim()];
    const saved = await core.call(
      'articles.save',
      { id: created.id, baseVersion: 1, title, summary: 'Sapo', body: body(...paragraphs) },
      sessions.phongvien,
    );
    expect(saved.version).toBe(2);
    const read = await core.call('articles.get', { id: created.id }, sessions.phongvien);
    expect(read.title).toBe(title);
    expect(read.bodyText).toBe(paragraphs.join('\n'));
    expect(read.wordCount).toBeGreaterThan(150);
    expect(read.body).toEqual(body(...paragraphs));
  });

  it('stores decomposed (NFD) text composed (NFC) everywhere', async () => {
    const { id } = await core.call('articles.create', {}, sessions.phongvien);
    const nfd = (s: string) => s.normalize('NFD');
    await core.call(
      'articles.save',
      { id, baseVersion: 1, title: nfd('Đường về Huế'), summary: nfd('hoà'), body: body(nfd('Tổ quốc Việt Nam')) },
      sessions.phongvien,
    );
    const row = core.db
      .prepare('SELECT title, summary, body_json, body_text FROM articles WHERE id = ?')
      .get(id) as Record<string, string>;
    for (const value of Object.values(row)) expect(value).toBe(value.normalize('NFC'));
    expect(row.title).toBe('Đường về Huế');
    expect(row.body_text).toBe('Tổ quốc Việt Nam');
  });

  it('refuses a save based on a stale version, keeping the newer text', async () => {
    const { id } = await core.call('articles.create', {}, sessions.phongvien);
    await core.call(
      'articles.save',
      { id, baseVersion: 1, title: 'Mới', summary: '', body: body('bản mới') },
      sessions.phongvien,
    );
    const stale = await core.tryCall(
      'articles.save',
      { id, baseVersion: 1, title: 'Cũ', summary: '', body: body('bản cũ') },
      sessions.phongvien,
    );
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await core.call('articles.get', { id }, sessions.phongvien)).bodyText).toBe('bản mới');
  });

  it("hides a reporter's article from another reporter, but not from editors", async () => {
    const { id } = await core.call('articles.create', { title: 'Của Ly' }, sessions.phongvien);
    const save = { id, baseVersion: 1, title: 'Sửa', summary: '', body: body('x') };
    expect(await core.tryCall('articles.get', { id }, sessions.phongvien2)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await core.tryCall('articles.save', save, sessions.phongvien2)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await core.call('articles.list', {}, sessions.phongvien2)).items).toEqual([]);
    expect((await core.call('articles.list', {}, sessions.bientap)).items.map((a) => a.id)).toEqual([id]);
    expect((await core.call('articles.save', save, sessions.bientap)).version).toBe(2);
  });

  it('lists newest first with author names', async () => {
    const first = await core.call('articles.create', { title: 'Một' }, sessions.phongvien);
    core.clock.advance(1000);
    const second = await core.call('articles.create', { title: 'Hai' }, sessions.phongvien);
    const { items } = await core.call('articles.list', {}, sessions.phongvien);
    expect(items.map((a) => a.id)).toEqual([second.id, first.id]);
    expect(items[0]).toMatchObject({ authorName: 'Huỳnh Thị Ly', status: 'draft' });
  });

  it('coalesces autosaves into one revision per stretch of work', async () => {
    const { id } = await core.call('articles.create', {}, sessions.phongvien);
    let version = 1;
    for (let i = 0; i < 20; i++) {
      core.clock.advance(5_000);
      version = (
        await core.call(
          'articles.save',
          { id, baseVersion: version, title: `v${i}`, summary: '', body: body(`${i}`) },
          sessions.phongvien,
        )
      ).version;
    }
    // Within ten minutes of the last revision, the article row alone holds the newest text.
    expect(countRevisions(core.ctx, id)).toBe(1);
    core.clock.advance(AUTOSAVE_COALESCE_MS);
    const after = { id, baseVersion: version, title: 'sau', summary: '', body: body('sau') };
    version = (await core.call('articles.save', after, sessions.phongvien)).version;
    // The text that save replaced is now a revision; nothing typed in between is lost.
    expect(countRevisions(core.ctx, id)).toBe(2);
    const latest = core.db
      .prepare(
        'SELECT title, body_text, article_version FROM revisions WHERE article_id = ? ORDER BY article_version DESC LIMIT 1',
      )
      .get(id);
    expect(latest).toEqual({ title: 'v19', body_text: '19', article_version: 21 });
    // Another person's edit keeps the previous author's text as a revision at once.
    const other = { id, baseVersion: version, title: 'biên tập', summary: '', body: body('bt') };
    await core.call('articles.save', other, sessions.bientap);
    expect(countRevisions(core.ctx, id)).toBe(3);
  });
});

describe('editorStateToText', () => {
  it('puts each block on its own line, nested list items included', () => {
    const state = emptyEditorState();
    state.root.children = [
      { type: 'heading', tag: 'h2', children: [textNode('Tiêu đề')] },
      paragraphNode([textNode('Dòng một'), { type: 'linebreak' }, textNode('dòng hai')]),
      {
        type: 'list',
        listType: 'bullet',
        children: [
          { type: 'listitem', children: [textNode('Ý một')] },
          {
            type: 'listitem',
            children: [
              { type: 'list', listType: 'bullet', children: [{ type: 'listitem', children: [textNode('Ý con')] }] },
            ],
          },
        ],
      },
      { type: 'quote', children: [textNode('Trích dẫn')] },
    ];
    expect(editorStateToText(state)).toBe('Tiêu đề\nDòng một\ndòng hai\nÝ một\n\nÝ con\nTrích dẫn');
  });
});
