import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore, withAccounts, type TestCore } from '../testkit';
import { parsePortalArticle } from './sampleArticle';

const source = readFileSync(new URL('../../../fixtures/sample-article.txt', import.meta.url), 'utf8');

let core: TestCore | undefined;
afterEach(() => core?.close());

describe('the sample article', () => {
  it('parses into title, date line, paragraphs and byline, faults kept as they are', () => {
    const article = parsePortalArticle(source);
    expect(article.title).toBe(
      'Thành phố Huế tiếp tục đẩy mạnh công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc',
    );
    expect(article.publishedLine).toBe('15/04/2021 10:51:38 SA');
    expect(article.paragraphs).toHaveLength(5);
    expect(article.paragraphs[0]).toMatch(/^Ngày 12\/4\/2021, UBND thành phố Huế/);
    expect(article.paragraphs.join('\n')).toContain('Tổ quốcvào');
    expect(article.paragraphs.join('\n')).toContain('“Camara an ninh”');
    expect(article.paragraphs.join('\n')).toContain('về\u00a0 bảo đảm');
    expect(article.byline).toBe('Huỳnh Thị Ly');
    expect(article.unit).toBe('Phòng Văn hóa & Thông tin TP Huế');
  });

  it('refuses a file that is not a portal article', () => {
    expect(() => parsePortalArticle('chỉ một dòng')).toThrow(/không đúng khuôn/);
  });

  it('is waiting for the first administrator in demo mode, once', async () => {
    core = openTestCore({ demoText: source });
    const sessions = await withAccounts(core);
    const { items } = await core.call('articles.list', {}, sessions.quantri);
    expect(items).toHaveLength(1);
    const article = await core.call('articles.get', { id: items[0]!.id }, sessions.quantri);
    expect(article.title).toBe(parsePortalArticle(source).title);
    expect(article.summary).toMatch(/^Ngày 12\/4\/2021/);
    expect(article.bodyText.split('\n')).toHaveLength(4);
  });
});
