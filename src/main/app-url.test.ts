import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, createAppUrlPolicy } from './app-url';

describe('createAppUrlPolicy with the built page', () => {
  const policy = createAppUrlPolicy();

  it('loads and accepts the entry page on the app scheme, with any hash or query', () => {
    expect(policy.entryUrl).toBe('app://bientap/index.html');
    expect(APP_ENTRY_URL).toBe(policy.entryUrl);
    expect(policy.isAppUrl('app://bientap/index.html')).toBe(true);
    expect(policy.isAppUrl('app://bientap/index.html#/articles/1')).toBe(true);
    expect(policy.isAppUrl('app://bientap/index.html?x=1')).toBe(true);
    // The URL parser resolves dot segments before anything compares.
    expect(policy.isAppUrl('app://bientap/assets/../index.html')).toBe(true);
  });

  it('rejects other files of the app, other hosts and ports, and credentials in the URL', () => {
    expect(policy.isAppUrl('app://bientap/assets/index.js')).toBe(false);
    expect(policy.isAppUrl('app://bientap/')).toBe(false);
    expect(policy.isAppUrl('app://other/index.html')).toBe(false);
    expect(policy.isAppUrl('app://bientap:8080/index.html')).toBe(false);
    expect(policy.isAppUrl('app://user:pw@bientap/index.html')).toBe(false);
    expect(policy.isAppUrl('app://bientap.evil.example/index.html')).toBe(false);
  });

  it('rejects file:// pages, the web, other schemes and garbage', () => {
    expect(policy.isAppUrl('file:///opt/Bientap/out/renderer/index.html')).toBe(false);
    expect(policy.isAppUrl('file:///etc/passwd')).toBe(false);
    expect(policy.isAppUrl('https://example.com/')).toBe(false);
    expect(policy.isAppUrl('https://bientap/index.html')).toBe(false);
    expect(policy.isAppUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(policy.isAppUrl('about:blank')).toBe(false);
    expect(policy.isAppUrl('javascript:alert(1)')).toBe(false);
    expect(policy.isAppUrl('data:text/html,<p>x</p>')).toBe(false);
    expect(policy.isAppUrl('')).toBe(false);
    expect(policy.isAppUrl('not a url')).toBe(false);
  });
});

describe('createAppUrlPolicy with the dev server', () => {
  const policy = createAppUrlPolicy('http://localhost:5173/');

  it('accepts any path on the dev origin and nothing else', () => {
    expect(policy.isAppUrl('http://localhost:5173/')).toBe(true);
    expect(policy.isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(policy.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(policy.isAppUrl('https://localhost:5173/')).toBe(false);
    expect(policy.isAppUrl('http://localhost.evil.com:5173/')).toBe(false);
    expect(policy.isAppUrl('app://bientap/index.html')).toBe(false);
    expect(policy.entryUrl).toBe('http://localhost:5173/');
  });

  it('refuses a dev URL that is not http(s)', () => {
    expect(() => createAppUrlPolicy('file:///tmp/x')).toThrow();
    expect(() => createAppUrlPolicy('not a url')).toThrow();
  });
});
