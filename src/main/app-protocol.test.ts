import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { answerAppRequest, resolveAppRequest } from './app-protocol';

const root = mkdtempSync(join(tmpdir(), 'bientap-app-scheme-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Biên Tập</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(root, '..', `${root.split('/').pop()}-secret.txt`), 'outside');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveAppRequest', () => {
  it('names the built files under the root, the page for the bare origin', () => {
    expect(resolveAppRequest('app://bientap/index.html', root)).toEqual({
      file: join(root, 'index.html'),
      type: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest('app://bientap/', root)).toMatchObject({ file: join(root, 'index.html') });
    expect(resolveAppRequest('app://bientap/assets/index-abc.js?v=1#x', root)).toEqual({
      file: join(root, 'assets', 'index-abc.js'),
      type: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppRequest('app://bientap/assets/font.woff2', root)).toMatchObject({ type: 'font/woff2' });
    expect(resolveAppRequest('app://bientap/assets/blob.bin', root)).toMatchObject({
      type: 'application/octet-stream',
    });
  });

  it('never names a file outside the root, however the path is spelled', () => {
    // Escaped separators survive the URL parser and would climb out once decoded.
    for (const url of [
      'app://bientap/%2E%2E%2Fsecret.txt',
      'app://bientap/assets/..%2f..%2fetc%2fpasswd',
      'app://bientap/..%2F..%2F..%2Fetc%2Fpasswd',
    ]) {
      expect(resolveAppRequest(url, root), url).toEqual({ status: 404 });
    }
    // Dot segments, plain or escaped, are resolved by the parser first: what is left stays inside.
    expect(resolveAppRequest('app://bientap/../../etc/passwd', root)).toMatchObject({
      file: join(root, 'etc', 'passwd'),
    });
    expect(resolveAppRequest('app://bientap/%2e%2e/secret.txt', root)).toMatchObject({
      file: join(root, 'secret.txt'),
    });
    expect(resolveAppRequest('app://bientap/assets/%2E%2E/%2e%2e/index.html', root)).toMatchObject({
      file: join(root, 'index.html'),
    });
  });

  it('refuses backslashes, NUL bytes, broken escapes, other hosts and schemes', () => {
    expect(resolveAppRequest('app://bientap/..%5c..%5csecret.txt', root)).toEqual({ status: 400 });
    expect(resolveAppRequest('app://bientap/index.html%00.js', root)).toEqual({ status: 400 });
    expect(resolveAppRequest('app://bientap/%E0%A4%A', root)).toEqual({ status: 400 });
    expect(resolveAppRequest('app://other/index.html', root)).toEqual({ status: 404 });
    expect(resolveAppRequest('file:///etc/passwd', root)).toEqual({ status: 404 });
    expect(resolveAppRequest('not a url', root)).toEqual({ status: 400 });
  });
});

describe('answerAppRequest', () => {
  it('serves the page with the CSP and the scripts without, and 404 for what is not there', async () => {
    const page = await answerAppRequest('app://bientap/index.html', root, "default-src 'self'");
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('Biên Tập');

    const script = await answerAppRequest('app://bientap/assets/index-abc.js', root, "default-src 'self'");
    expect(script.headers.get('content-security-policy')).toBeNull();
    expect(await script.text()).toBe('console.log(1)');

    expect((await answerAppRequest('app://bientap/missing.js', root, '')).status).toBe(404);
    expect((await answerAppRequest('app://bientap/assets', root, '')).status).toBe(404);
    expect((await answerAppRequest('app://bientap/%2e%2e/x', root, '')).status).toBe(404);
  });
});
