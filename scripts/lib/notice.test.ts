import { describe, expect, it } from 'vitest';
import { fallbackNotice } from './notice.mjs';

describe('fallbackNotice', () => {
  it('is one paragraph, Vietnamese then English, within the width', () => {
    const text = fallbackNotice('download');
    expect(text).not.toMatch(/\n\s*\n/);
    expect(text.indexOf('không tải được')).toBeLessThan(
      text.indexOf("Electron's runtime could not be downloaded here"),
    );
    expect(text).toContain('trình duyệt');
    expect(text).toContain('browser');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('names the log when there is one', () => {
    expect(fallbackNotice('headers', '/p/build.log').replace(/\n/g, ' ')).toContain('details: /p/build.log');
  });
});
