import { describe, expect, it } from 'vitest';
import { createAppUrlPolicy } from './app-url';

describe('createAppUrlPolicy with the built page', () => {
  const policy = createAppUrlPolicy({ fileUrl: 'file:///opt/Bi%C3%AAn%20T%E1%BA%ADp/out/renderer/index.html' });

  it('accepts the entry page, with any hash or query', () => {
    expect(policy.isAppUrl('file:///opt/Bi%C3%AAn%20T%E1%BA%ADp/out/renderer/index.html')).toBe(true);
    expect(policy.isAppUrl('file:///opt/Bi%C3%AAn%20T%E1%BA%ADp/out/renderer/index.html#/articles/1')).toBe(true);
    expect(policy.isAppUrl('file:///opt/Bi%c3%aan%20T%e1%ba%adp/out/renderer/index.html?x=1')).toBe(true);
  });

  it('rejects other files, even beside the entry page', () => {
    expect(policy.isAppUrl('file:///opt/Bi%C3%AAn%20T%E1%BA%ADp/out/renderer/other.html')).toBe(false);
    expect(policy.isAppUrl('file:///etc/passwd')).toBe(false);
    expect(policy.isAppUrl('file:///opt/Bi%C3%AAn%20T%E1%BA%ADp/out/renderer/../renderer/evil.html')).toBe(false);
    expect(policy.isAppUrl('file://evil-host/opt/Bi%C3%AAn%20T%E1%BA%ADp/out/renderer/index.html')).toBe(false);
  });

  it('rejects the web, other schemes and garbage', () => {
    expect(policy.isAppUrl('https://example.com/')).toBe(false);
    expect(policy.isAppUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(policy.isAppUrl('about:blank')).toBe(false);
    expect(policy.isAppUrl('javascript:alert(1)')).toBe(false);
    expect(policy.isAppUrl('data:text/html,<p>x</p>')).toBe(false);
    expect(policy.isAppUrl('')).toBe(false);
    expect(policy.isAppUrl('not a url')).toBe(false);
    expect(policy.isAppUrl('file:///opt/%E0%A4%A/index.html')).toBe(false);
  });

  it('compares Windows paths without case when asked', () => {
    const win = createAppUrlPolicy({
      fileUrl: 'file:///C:/Program%20Files/Bientap/out/renderer/index.html',
      caseInsensitivePaths: true,
    });
    expect(win.isAppUrl('file:///c:/program%20files/bientap/out/renderer/index.html')).toBe(true);
    expect(win.isAppUrl('file:///D:/Program%20Files/Bientap/out/renderer/index.html')).toBe(false);
  });

  it('reports the entry URL to load', () => {
    expect(policy.entryUrl).toBe('file:///opt/Bi%C3%AAn%20T%E1%BA%ADp/out/renderer/index.html');
  });
});

describe('createAppUrlPolicy with the dev server', () => {
  const policy = createAppUrlPolicy({ devUrl: 'http://localhost:5173/', fileUrl: 'file:///x/index.html' });

  it('accepts any path on the dev origin and nothing else', () => {
    expect(policy.isAppUrl('http://localhost:5173/')).toBe(true);
    expect(policy.isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(policy.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(policy.isAppUrl('https://localhost:5173/')).toBe(false);
    expect(policy.isAppUrl('http://localhost.evil.com:5173/')).toBe(false);
    expect(policy.isAppUrl('file:///x/index.html')).toBe(false);
    expect(policy.entryUrl).toBe('http://localhost:5173/');
  });

  it('refuses a dev URL that is not http(s) and an entry that is not a file', () => {
    expect(() => createAppUrlPolicy({ devUrl: 'file:///tmp/x' })).toThrow();
    expect(() => createAppUrlPolicy({ fileUrl: 'https://example.com/' })).toThrow();
    expect(() => createAppUrlPolicy({})).toThrow();
  });
});
