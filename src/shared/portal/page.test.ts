import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPortalPage } from './page';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8');

describe('reading a page copied from a portal', () => {
  it('the sample: title, date, paragraphs, byline and unit; the controls, list and pager dropped', () => {
    const page = readPortalPage(fixture('sample-article.txt'), { layout: 'normalise' })!;
    expect(page.title).toBe(
      'Thành phố Huế tiếp tục đẩy mạnh công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc',
    );
    expect(page.dateLine).toBe('15/04/2021 10:51:38 SA');
    expect(page.byline).toBe('Huỳnh Thị Ly');
    expect(page.unit).toBe('Phòng Văn hóa & Thông tin TP Huế');
    expect(page.dropped).toEqual(['Xem cỡ chữ:', 'Đọc bài viết:', 'Các bài khác', '<< < 1 2 3 4 5 > >>']);
    // The run of spaces that stood for a paragraph break is one again; indentation is gone.
    expect(page.paragraphs).toHaveLength(6);
    expect(page.paragraphs[4]).toMatch(/^Thời gian qua, công tác/);
    expect(page.paragraphs[3]).toMatch(/của tỉnh\.$/);
    for (const paragraph of page.paragraphs) expect(paragraph).not.toMatch(/^\s|\s$|\s{4}/u);
    // Faults of the text itself stay for the proofreader.
    expect(page.paragraphs.join('\n')).toContain('Tổ quốcvào');
    expect(page.paragraphs.join('\n')).toContain('về\u00a0 bảo đảm');
  });

  it('keeps the text exactly when asked (the demo article is proofreading material)', () => {
    const page = readPortalPage(fixture('sample-article.txt'), { layout: 'keep' })!;
    expect(page.paragraphs).toHaveLength(5);
    expect(page.paragraphs[3]).toMatch(/của tỉnh\.[ \u00a0]{20,}Thời gian qua/);
  });

  it('a page with breadcrumbs, a weekday date, font buttons, a view counter, a credit line and a worded pager', () => {
    const page = readPortalPage(fixture('portal/le-hoi-dien-kinh.txt'), { layout: 'normalise' })!;
    expect(page.title).toBe('Hơn 1.200 vận động viên tham gia Giải chạy việt dã Huế mùa đông');
    expect(page.dateLine).toBe('Thứ năm, 03/12/2026 | 08:15');
    expect(page.paragraphs).toHaveLength(3);
    expect(page.paragraphs[1]).toMatch(/^Giải năm nay/);
    expect(page.byline).toBe('Trần Minh Châu');
    expect(page.unit).toBe('');
    expect(page.dropped).toEqual([
      'Trang chủ > Tin tức - Sự kiện > Văn hóa - Thể thao',
      'A- A A+',
      'Lượt xem: 1.245',
      'Tin liên quan',
      'Khai mạc Tuần lễ Văn hóa – Du lịch Huế 2026',
      'Huế đón 3 triệu lượt khách trong 11 tháng',
      'Trang đầu Trang trước 1 2 3 Trang sau Trang cuối',
    ]);
  });

  it('a page with a worded date, share and print links, no-break indents, a dashed unit and « › pager', () => {
    const page = readPortalPage(fixture('portal/doc-sach-cong-dong.txt'), { layout: 'normalise' })!;
    expect(page.title).toBe('Ra mắt không gian đọc sách cộng đồng tại phường Phú Xuân');
    expect(page.dateLine).toBe('Cập nhật lúc 14:20 ngày 02/12/2026');
    expect(page.byline).toBe('Lê Thị Hoa');
    expect(page.unit).toBe('Trung tâm Văn hóa Thông tin và Thể thao thành phố');
    expect(page.paragraphs).toEqual([
      expect.stringMatching(/^Chiều 1\/12, Thư viện/),
      expect.stringMatching(/^Không gian đọc mở cửa/),
      'Dịp này, Thư viện trao tặng 500 cuốn sách cho các trường tiểu học của phường.',
      'Đại diện phường cho biết sẽ duy trì hoạt động đọc sách vào cuối tuần.',
    ]);
    expect(page.dropped).toContain('Chia sẻ: Facebook Zalo');
    expect(page.dropped).toContain('In bài viết');
    expect(page.dropped).toContain('« ‹ 1 2 › »');
  });

  it('a page with a bracketed date and the related list but no controls', () => {
    const page = readPortalPage(fixture('portal/nha-vuon.txt'), { layout: 'normalise' })!;
    expect(page.dateLine).toBe('(Ngày 20/11/2026)');
    expect(page.paragraphs).toHaveLength(3);
    expect(page.byline).toBe('Nguyễn Văn Bình');
    expect(page.unit).toBe('Phòng Văn hóa & Thông tin TP Huế');
  });

  it('leaves ordinary text alone: one sign of a page is not a page', () => {
    const typed = [
      'Huế chuẩn bị Lễ hội mùa xuân',
      'Chia sẻ kinh nghiệm tổ chức lễ hội, đại diện Sở Văn hóa cho biết nhiều hoạt động sẽ diễn ra tại Đại Nội.',
      'Trần Minh Châu',
    ].join('\n');
    expect(readPortalPage(typed)).toBeNull();
    expect(readPortalPage('15/04/2021\nBiên bản cuộc họp giao ban\nNội dung họp gồm ba phần.')).toBeNull();
    expect(readPortalPage('')).toBeNull();
    expect(readPortalPage('Một dòng')).toBeNull();
  });
});
