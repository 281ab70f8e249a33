import { describe, expect, it } from 'vitest';
import { contextMenuTemplate } from './context-menu';
import { LABELS } from './labels';

const all = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };

describe('contextMenuTemplate', () => {
  it('offers the clipboard in the editor and text fields, in the UI language, each item only when it can act', () => {
    const menu = contextMenuTemplate(
      { isEditable: true, selectionText: '', editFlags: { ...all, canCut: false, canCopy: false } },
      LABELS.vi,
    );
    expect(menu.map((item) => [item.role ?? item.type, item.label, item.enabled])).toEqual([
      ['cut', 'Cắt', false],
      ['copy', 'Sao chép', false],
      ['paste', 'Dán', true],
      ['pasteAndMatchStyle', 'Dán dạng văn bản thuần', true],
      ['separator', undefined, undefined],
      ['selectAll', 'Chọn tất cả', true],
    ]);
    expect(contextMenuTemplate({ isEditable: true, selectionText: 'Huế', editFlags: all }, LABELS.en)[0]).toMatchObject(
      {
        role: 'cut',
        label: 'Cut',
        enabled: true,
      },
    );
  });

  it('puts the proofreader fixes first, a fix that removes the text in words', () => {
    const picked: string[] = [];
    const menu = contextMenuTemplate({ isEditable: true, selectionText: '', editFlags: all }, LABELS.vi, [
      { label: 'Camera', pick: () => picked.push('Camera') },
      { label: '', pick: () => picked.push('') },
    ]);
    expect(menu.slice(0, 4).map((item) => item.label ?? item.type)).toEqual([
      'Camera',
      '(xóa đoạn này)',
      'separator',
      'Cắt',
    ]);
    (menu[0]!.click as () => void)();
    expect(picked).toEqual(['Camera']);
    // Outside a text field there is nothing to fix.
    expect(
      contextMenuTemplate({ isEditable: false, selectionText: 'Huế', editFlags: all }, LABELS.vi, [
        { label: 'Camera', pick: () => undefined },
      ]),
    ).toEqual([{ role: 'copy', label: 'Sao chép' }]);
  });

  it('offers only copy on selected text elsewhere, and nothing on empty space', () => {
    expect(contextMenuTemplate({ isEditable: false, selectionText: 'Festival', editFlags: all }, LABELS.vi)).toEqual([
      { role: 'copy', label: 'Sao chép' },
    ]);
    expect(contextMenuTemplate({ isEditable: false, selectionText: '  ', editFlags: all }, LABELS.vi)).toEqual([]);
  });

  it('has every label in both languages', () => {
    expect(Object.keys(LABELS.en).sort()).toEqual(Object.keys(LABELS.vi).sort());
  });
});
