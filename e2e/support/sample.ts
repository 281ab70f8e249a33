import { readFileSync } from 'node:fs';
import path from 'node:path';

const file = path.resolve(import.meta.dirname, '../../fixtures/sample-article.txt');
const lines = readFileSync(file, 'utf8')
  .split(/\r?\n/)
  .map((line) => line.trim());

/**
 * The sample article as a reporter would type it: the title, then body paragraphs without the
 * portal's date line, its two control lines and its indentation.
 */
export const sample = {
  title: lines[0] ?? '',
  paragraphs: lines.slice(4).filter((line) => line.length > 0),
};
