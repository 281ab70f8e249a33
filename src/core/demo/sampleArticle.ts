/**
 * Reads an article as the office portal shows it (see fixtures/sample-article.txt): title,
 * date line, the portal's two control lines, paragraphs, the byline `Name (Unit)`, then the
 * "Các bài khác" list. The text is kept exactly, faults included: it is proofreading material.
 */
export interface PortalArticle {
  title: string;
  publishedLine: string;
  paragraphs: string[];
  byline: string;
  unit: string;
}

const CONTROL_LINES = /^(Xem cỡ chữ|Đọc bài viết):?\s*$/;
const BYLINE = /^(\S[^()]*?)\s*\(([^()]+)\)\s*$/;

export function parsePortalArticle(source: string): PortalArticle {
  const lines = source.normalize('NFC').replace(/\r\n?/g, '\n').split('\n');
  const title = lines[0]?.trim() ?? '';
  const publishedLine = lines[1]?.trim() ?? '';
  if (!title || !/^\d{2}\/\d{2}\/\d{4} /.test(publishedLine)) {
    throw new Error('Tệp bài mẫu không đúng khuôn của cổng thông tin (dòng 1: tiêu đề, dòng 2: ngày giờ).');
  }
  const paragraphs: string[] = [];
  let byline = '';
  let unit = '';
  for (const line of lines.slice(2)) {
    if (CONTROL_LINES.test(line.trim())) continue;
    const match = BYLINE.exec(line);
    if (match && !/^\s/.test(line)) {
      byline = match[1]!;
      unit = match[2]!;
      break;
    }
    // Paragraphs are indented on the portal; the indent is layout, not text.
    if (line.trim()) paragraphs.push(line.replace(/^\s+/, '').replace(/\s+$/, ''));
  }
  if (paragraphs.length === 0) throw new Error('Tệp bài mẫu không có đoạn văn nào.');
  return { title, publishedLine, paragraphs, byline, unit };
}
