import { readFileSync } from 'node:fs';
import { $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import { articleParts, readPortalPage } from '../../../../shared/portal/page';
import { bodyEditor, pasteInto, usePageGlobals } from '../testEditor';
import { $insertParagraphs, dropInSiteLinks } from './sourcePaste';

usePageGlobals();

const OWN = 'http://127.0.0.1:5173';

describe('links into the copied site', () => {
  it('relative links, links to this app and to this machine become text; links out stay', () => {
    const html = [
      '<p><a href="/tin-tuc/123.html">bài trước</a>, <a href="../lich.html">lịch</a>, <a href="#top">đầu trang</a>,',
      ' <a href="http://127.0.0.1:5173/tin-tuc/9.html">bài cũ</a>, <a href="http://localhost:8080/x">máy này</a>,',
      ' <a href="https://huecity.gov.vn/bai-viet/1.html">cổng thành phố</a> và <a href="mailto:bbt@hue.gov.vn">thư</a></p>',
    ].join('');
    const { html: cleaned, dropped } = dropInSiteLinks(html, OWN);
    expect(dropped).toBe(5);
    const doc = new DOMParser().parseFromString(cleaned, 'text/html');
    expect([...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://huecity.gov.vn/bai-viet/1.html',
      'mailto:bbt@hue.gov.vn',
    ]);
    expect(doc.body.textContent).toContain('bài trước, lịch, đầu trang, bài cũ, máy này, cổng thành phố và thư');
  });

  it('leaves HTML without such links exactly as it came', () => {
    const html = '<p><a href="https://hue.gov.vn/">Huế</a></p>';
    expect(dropInSiteLinks(html, OWN)).toEqual({ html, dropped: 0 });
  });

  it('the cleaned HTML pastes through the editor with the words and only the outside link', () => {
    const editor = bodyEditor();
    pasteInto(editor, {
      'text/html': dropInSiteLinks('<p><a href="/x">trong</a> <a href="https://a.vn/">ngoài</a></p>', OWN).html,
    });
    const json = JSON.stringify(editor.getEditorState().toJSON());
    expect(json).toContain('trong');
    expect([...json.matchAll(/"url":"([^"]+)"/g)].map((match) => match[1])).toEqual(['https://a.vn/']);
  });
});

describe('a portal page placed in the article', () => {
  it('the sample: title, sapo and byline for the fields, the rest as the body paragraphs', () => {
    const sample = readFileSync(new URL('../../../../../fixtures/sample-article.txt', import.meta.url), 'utf8');
    const parts = articleParts(readPortalPage(sample, { layout: 'normalise' })!);
    expect(parts.summary).toMatch(/^Ngày 12\/4\/2021, UBND thành phố Huế ban hành/);
    expect(parts.byline).toBe('Huỳnh Thị Ly (Phòng Văn hóa & Thông tin TP Huế)');
    const editor = bodyEditor();
    editor.update(() => $getRoot().clear().selectEnd(), { discrete: true });
    editor.update(() => $insertParagraphs(parts.body), { discrete: true });
    const paragraphs = editor.getEditorState().read(() =>
      $getRoot()
        .getChildren()
        .map((node) => node.getTextContent()),
    );
    expect(paragraphs.filter((text) => text !== '')).toEqual(parts.body);
    expect(parts.body).toHaveLength(5);
    expect(paragraphs.join('\n')).not.toMatch(/Xem cỡ chữ|Các bài khác|<< </);
  });

  it('a page of one paragraph has no sapo: the paragraph is the body', () => {
    const parts = articleParts({ title: 'T', paragraphs: ['Một đoạn.'], byline: 'Lê Văn An', unit: '' });
    expect(parts).toEqual({ title: 'T', summary: '', body: ['Một đoạn.'], byline: 'Lê Văn An' });
  });
});
