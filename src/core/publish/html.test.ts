import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { documentText, joined, lines, markup, trusted } from './html';

const HOSTILE = `"><script>alert('x')</script><a href='javascript:1'>&amp;`;

describe('the markup tag', () => {
  it('escapes every value in text and in quoted attributes alike', () => {
    const fragment = String(markup`<p title="${HOSTILE}" data-x='${HOSTILE}'>${HOSTILE}</p>`);
    expect(fragment).not.toContain('<script');
    const p = new JSDOM(fragment).window.document.querySelector('p');
    expect(p?.getAttribute('title')).toBe(HOSTILE);
    expect(p?.getAttribute('data-x')).toBe(HOSTILE);
    expect(p?.textContent).toBe(HOSTILE);
    expect(p?.children).toHaveLength(0);
  });

  it('escapes numbers as text, leaves out null and undefined, and joins arrays without escaping fragments twice', () => {
    const items = ['a & b', '<c>'].map((item) => markup`<li>${item}</li>`);
    expect(String(markup`<ul>${items}</ul>${null}${undefined}${3}`)).toBe(
      '<ul><li>a &amp; b</li><li>&lt;c&gt;</li></ul>3',
    );
    expect(String(markup`<ul>${['<x>', markup`<b>y</b>`]}</ul>`)).toBe('<ul>&lt;x&gt;<b>y</b></ul>');
  });

  it('passes trusted markup through unchanged and nothing else', () => {
    const body = '<p>Đã <strong>lọc</strong> &amp; giữ nguyên</p>';
    expect(String(markup`<div>${trusted(body)}</div>`)).toBe(`<div>${body}</div>`);
    expect(String(markup`<div>${body}</div>`)).not.toContain('<p>');
  });

  it('puts fragments one per line, dropping the empty ones, or between a separator', () => {
    expect(String(lines(markup`<a>`, null, false, undefined, markup``, markup`</a>`))).toBe('<a>\n</a>');
    expect(String(joined([markup`<i>1</i>`, markup`<i>2</i>`], markup` · `))).toBe('<i>1</i> · <i>2</i>');
    expect(String(joined([], markup` `))).toBe('');
  });
});

describe('documentText', () => {
  it('drops what XML 1.0 forbids and keeps tab, line breaks and every real character', () => {
    const forbidden = [
      ...Array.from({ length: 32 }, (_, code) => code).filter((code) => ![9, 10, 13].includes(code)),
      ...Array.from({ length: 33 }, (_, offset) => 0x7f + offset),
      0xfffe,
      0xffff,
    ].map((code) => String.fromCharCode(code));
    const kept = 'Huế\t“Đêm”\n\r😀 \u00a0 \ud7ff \ue000 \ufffd 𝕏';
    expect(documentText(trusted(`${forbidden.join('')}${kept}${forbidden.reverse().join('')}`))).toBe(kept);
  });

  it('drops lone surrogates, high or low, but keeps pairs', () => {
    expect(documentText(trusted('a\ud800b\udc00c\ud83d\ude00d\ude00\ud83de\ud83d'))).toBe('abc😀de');
  });
});
