import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { assertUpdateWithin } from './editorScope';

// A live editor's update may touch the body and the fields beside it, nothing else; checked item by
// item against the core's document before it is applied.

const ALLOWED = new Set(['body', 'meta']);

/** The core's document: a body, fields, and who began the article. */
function coreDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, 'Festival Huế diễn ra vào tháng sáu.\n', { b: '{"type":"paragraph"}' });
  doc.getMap('meta').set('title', new Y.Text('Lễ hội'));
  doc.getMap('meta').set('tags', Y.Array.from(['lễ hội']));
  doc.getMap('origin').set('authorId', 'phongvien');
  return doc;
}

/** An editor's replica of `doc`, the edit made in it, and the update the edit is (merged over several). */
function editAt(doc: Y.Doc, edit: (replica: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const updates: Uint8Array[] = [];
  replica.on('update', (update: Uint8Array) => updates.push(update));
  edit(replica);
  return Y.mergeUpdates(updates);
}

const refused = (doc: Y.Doc, update: Uint8Array) => () => assertUpdateWithin(doc, update, ALLOWED);

describe('what a live editor may change', () => {
  it('takes typing, deleting, formats and fields, merged as the editor sends them', () => {
    const doc = coreDoc();
    const update = editAt(doc, (replica) => {
      const body = replica.getText('body');
      body.insert(9, 'năm nay ');
      body.insert(body.length, 'Đoạn hai', {});
      body.delete(body.length - 3, 3); // typed and deleted before it was sent
      body.format(0, 8, { f1: true });
      body.delete(0, 3);
      (replica.getMap('meta').get('title') as Y.Text).insert(6, ' Huế');
      (replica.getMap('meta').get('tags') as Y.Array<string>).push(['văn hoá']);
      replica.getMap('meta').set('category', 'Văn hoá');
      replica.getMap('meta').set('summary', new Y.Text('Tóm tắt'));
      (replica.getMap('meta').get('summary') as Y.Text).insert(0, 'Một ');
    });
    expect(refused(doc, update)).not.toThrow();
    Y.applyUpdate(doc, update);
    expect(doc.getText('body').toString()).toBe('tival năm nay Huế diễn ra vào tháng sáu.\nĐoạn ');
    // Sent again (a retry after a lost answer): nothing new, still fine.
    expect(refused(doc, update)).not.toThrow();
  });

  it('refuses an update that changes who began the article, in any way', () => {
    const doc = coreDoc();
    expect(
      refused(
        doc,
        editAt(doc, (replica) => replica.getMap('origin').set('authorId', 'khac')),
      ),
    ).toThrow(/không thuộc nội dung/);
    expect(
      refused(
        doc,
        editAt(doc, (replica) => replica.getMap('origin').delete('authorId')),
      ),
    ).toThrow(/không thuộc nội dung/);
    expect(
      refused(
        doc,
        editAt(doc, (replica) => replica.getMap('origin').set('createdAt', 'x')),
      ),
    ).toThrow(/không thuộc nội dung/);
    expect(doc.getMap('origin').get('authorId')).toBe('phongvien');
  });

  it('refuses new roots, unknown neighbours and what is not an update', () => {
    const doc = coreDoc();
    expect(
      refused(
        doc,
        editAt(doc, (replica) => replica.getText('lạ').insert(0, 'x')),
      ),
    ).toThrow(/không thuộc/);
    // An edit made on a replica the core never had: its items name neighbours the core does not hold.
    const stranger = new Y.Doc();
    stranger.getText('body').insert(0, 'abc');
    const vector = Y.encodeStateVector(stranger);
    stranger.getText('body').insert(1, 'x');
    expect(refused(doc, Y.encodeStateAsUpdate(stranger, vector))).toThrow(/bên cạnh|thiếu/);
    expect(refused(doc, new Uint8Array([1, 2, 3, 250]))).toThrow(/không đọc được/);
  });

  it('refuses deleting what the document does not hold', () => {
    const doc = coreDoc();
    const other = new Y.Doc();
    other.getText('body').insert(0, 'abc');
    other.getText('body').delete(0, 1);
    const deleteSet = Y.encodeStateAsUpdate(other, Y.encodeStateVector(other));
    expect(refused(doc, deleteSet)).toThrow(/xóa phần không có/);
  });
});
