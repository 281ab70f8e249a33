import type { LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { editorStateSchema, type EditorState } from '../../../../shared/domain';
import { bodyEditor, pasteInto, usePageGlobals } from '../testEditor';

usePageGlobals();

/** Pastes through Lexical's own clipboard code, as the editor does on Ctrl+V. */
function paste(editor: LexicalEditor, data: Record<string, string>): EditorState {
  pasteInto(editor, data);
  // Through JSON, exactly as autosave sends it to the core.
  return editorStateSchema.parse(JSON.parse(JSON.stringify(editor.getEditorState().toJSON())));
}

const HOSTILE = [
  '<p onclick="alert(1)">nhấp<script>window.pwned = 1</script></p>',
  '<img src="x" onerror="window.pwned = 1">',
  '<noscript><p title="</noscript><img src=x onerror=window.pwned=1>"></p></noscript>',
  '<svg onload="window.pwned = 1"><script>window.pwned = 1</script><text>svg</text></svg>',
  '<p><a href="javascript:window.pwned=1">liên kết độc</a> và <a href="data:text/html,<script>1</script>">dữ liệu</a></p>',
  '<p style="background:url(javascript:alert(1)); width: expression(alert(1)); color: red">css</p>',
  '<iframe src="https://example.com/"></iframe><object data="x.swf"></object><embed src="x">',
  '<form action="https://evil.example/"><input value="x"><button>gửi</button></form>',
  '<h1>Tiêu đề lớn</h1><h6 style="font-family: Comic Sans">nhỏ</h6>',
  '<a href="vbscript:msgbox(1)">vb</a><a href="  JaVaScRiPt:alert(1)">hoa thường</a>',
].join('');

describe('paste', () => {
  it('keeps hostile HTML within what the core stores', () => {
    const state = paste(bodyEditor(), { 'text/html': HOSTILE });
    const json = JSON.stringify(state);
    expect(json).not.toMatch(/javascript:|vbscript:|data:|expression|onerror|onclick|onload|<script/i);
    expect(json).not.toMatch(/"style":"[^"]/);
    expect(json).toContain('nhấp');
    expect(json).toContain('liên kết độc');
    expect(json).toContain('Tiêu đề lớn');
    const tags = [...json.matchAll(/"tag":"(h\d)"/g)].map((match) => match[1]);
    for (const tag of tags) expect(['h2', 'h3', 'h4']).toContain(tag);
  });

  it('takes Word HTML: mso styles dropped, &nbsp; runs and NFD text stored as plain NFC text', () => {
    const word = [
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{mso-style-parent:"";}</style></head>',
      '<body><p class="MsoNormal" style="mso-margin-top-alt:auto;line-height:150%"><b><span style="font-size:13.0pt;mso-bidi-font-family:Arial">Tha\u0300nh pho\u0302\u0301 Hue\u0302\u0301</span></b>',
      '<span style="mso-spacerun:yes">&nbsp;&nbsp; </span>tie\u0302\u0301p tu\u0323c<o:p></o:p></p>',
      '<p class="MsoListParagraph" style="mso-list:l0 level1 lfo1"><a href="https://hue.gov.vn/">Cổng thông tin</a></p></body></html>',
    ].join('');
    const state = paste(bodyEditor(), { 'text/html': word });
    const json = JSON.stringify(state);
    expect(json).not.toMatch(/mso-|font-size|MsoNormal/);
    expect(json).not.toMatch(/\p{M}/u);
    expect(json).toContain('Thành phố Huế');
    expect(json).toContain('tiếp tục');
    expect(json).toContain('https://hue.gov.vn/');
  });

  it('keeps the structure of a web page: headings, lists, links, bold and italic', () => {
    const page =
      '<h2>Tin mới</h2><ul><li>Một</li><li>Hai<ul><li>Hai rưỡi</li></ul></li></ul>' +
      '<p><strong>đậm</strong> <em>nghiêng</em> <a href="mailto:bbt@hue.gov.vn">thư</a></p><hr><table><tr><td>ô</td></tr></table>';
    const types = new Set<string>();
    const visit = (node: { type: string; children?: unknown[] }) => {
      types.add(node.type);
      for (const child of node.children ?? []) visit(child as { type: string });
    };
    for (const node of paste(bodyEditor(), { 'text/html': page }).root.children) visit(node);
    for (const type of ['heading', 'list', 'listitem', 'link', 'text', 'horizontalrule', 'table', 'tablecell'])
      expect(types).toContain(type);
  });
});
