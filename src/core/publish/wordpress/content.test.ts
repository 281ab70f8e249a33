import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  articleHtml,
  BYLINE_CLASS,
  articleIdIn,
  buildContent,
  bylineIn,
  decodeEntities,
  imageHashesIn,
  markerToken,
  termSlug,
  wpGmt,
} from './content';

const ID = '0b6f1f0e-6c1a-4c4e-9a59-3f1f2f4b9c10';
const HASH = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

describe('WordPress post content', () => {
  const html = `<p>Đảng bộ “đường” hoà</p><figure><img src="bientap-image:${HASH}" alt="Ảnh"></figure><p><img src="bientap-image:${OTHER}" alt=""></p>`;
  const urls = new Map([
    [HASH, `http://site.example/wp-content/uploads/2026/11/bientap-${HASH}.jpg`],
    [OTHER, `http://site.example/wp-content/uploads/2026/11/bientap-${OTHER}-1.png`],
  ]);

  it('points images at their media, ends with the byline that carries the marker', () => {
    const content = buildContent(html, 'Huỳnh Thị Ly (Phòng Văn hóa & Thông tin)', ID, urls);
    expect(content).not.toContain('bientap-image:');
    expect(content).toContain(`src="${urls.get(HASH)}"`);
    expect(
      content.endsWith(
        `\n<p class="bientap-byline" style="text-align: right;"><strong>Huỳnh Thị Ly (Phòng Văn hóa &amp; Thông tin)</strong><!-- ${markerToken(ID)} --></p>`,
      ),
    ).toBe(true);
    expect(articleIdIn(content)).toBe(ID);
    expect(bylineIn(content)).toBe('Huỳnh Thị Ly (Phòng Văn hóa & Thông tin)');
  });

  it('reads back exactly the article HTML it was built from, with or without a byline', () => {
    expect(articleHtml(buildContent(html, 'Tác giả', ID, urls))).toBe(html);
    const bare = buildContent(html, '  ', ID, urls);
    expect(bare.endsWith(`\n<!-- ${markerToken(ID)} -->`)).toBe(true);
    expect(articleHtml(bare)).toBe(html);
    expect(bylineIn(bare)).toBe('');
  });

  it('leaves an edited post’s own HTML alone, minus our marker', () => {
    const edited = `<p>Sửa trên trang</p><!-- ${markerToken(ID)} --><p class="other">x</p>`;
    expect(articleHtml(edited)).toBe('<p>Sửa trên trang</p><p class="other">x</p>');
  });

  it('lists the image hashes of a body once each', () => {
    expect(imageHashesIn(`${html}<img src="bientap-image:${HASH}">`)).toEqual([HASH, OTHER]);
  });

  it('makes the slugs WordPress makes of Vietnamese names', () => {
    expect(termSlug('Văn hóa & Xã hội')).toBe('van-hoa-xa-hoi');
    expect(termSlug('Đảng bộ – Đoàn thể')).toBe('dang-bo-doan-the');
    expect(termSlug('  Huế  ')).toBe('hue');
    expect(termSlug('An ninh trật tự')).toBe('an-ninh-trat-tu');
  });

  it('writes date_gmt in UTC without a zone, and decodes WordPress entities', () => {
    expect(wpGmt(new Date('2021-04-15T10:51:38+07:00'))).toBe('2021-04-15T03:51:38');
    expect(decodeEntities('Văn hóa &amp; Xã hội &#8211; &#x201C;A&#x201D; &lt;b&gt;')).toBe(
      'Văn hóa & Xã hội – “A” <b>',
    );
  });

  it('decodes the named and numeric entities wptexturize and esc_html write', () => {
    expect(decodeEntities('&#8220;Hội thi&#8221; &#8216;Xuân&#8217; &#8211; &#8212; chờ&hellip; hết&#8230;')).toBe(
      '“Hội thi” ‘Xuân’ – — chờ… hết…',
    );
    expect(decodeEntities('Văn&nbsp;hóa &#038; Thể thao 3&#215;4 &copy; &quot;x&quot; &#039;y&#039;')).toBe(
      'Văn\u00a0hóa & Thể thao 3×4 © "x" \'y\'',
    );
    expect(decodeEntities('&#x1F600; &eacute;&Ecirc;&rarr;')).toBe('😀 éÊ→');
    // Not entities: a bare ampersand and an unknown name stay as they are.
    expect(decodeEntities('AT&T & &zzz; R&D')).toBe('AT&T & &zzz; R&D');
  });

  it('reads back a byline whatever its characters', () => {
    const byline = 'Lê & Trần <Ban> &amp; “Nhóm” &copy';
    expect(bylineIn(buildContent('<p>x</p>', byline, ID, new Map()))).toBe(byline);
  });

  it('keeps a byline that looks like markup as text in its paragraph, and the marker after it', () => {
    const byline = `Lê</strong></p><script>alert('x')</script><p title="a" class='b'>--> <!--`;
    const content = buildContent('<p>x</p>', byline, ID, new Map());
    const document = new JSDOM(content).window.document;
    expect(document.querySelector('script')).toBeNull();
    const paragraph = document.querySelector(`p.${BYLINE_CLASS}`)!;
    expect(paragraph.querySelector('strong')?.textContent).toBe(byline);
    expect([...paragraph.childNodes].map((node) => node.nodeName)).toEqual(['STRONG', '#comment']);
    expect(articleIdIn(content)).toBe(ID);
    expect(articleHtml(content)).toBe('<p>x</p>');
  });
});
