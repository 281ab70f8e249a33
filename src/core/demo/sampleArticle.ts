import { readPortalPage } from '../../shared/portal/page';

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

export function parsePortalArticle(source: string): PortalArticle {
  const page = readPortalPage(source, { layout: 'keep' });
  if (!page || !page.dateLine) {
    throw new Error('Tệp bài mẫu không đúng khuôn của cổng thông tin (dòng 1: tiêu đề, dòng 2: ngày giờ).');
  }
  const { title, dateLine: publishedLine, paragraphs, byline, unit } = page;
  return { title, publishedLine, paragraphs, byline, unit };
}
