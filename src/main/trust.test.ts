import { describe, expect, it } from 'vitest';
import { createAppUrlPolicy } from './app-url';
import { isTrustedSender, mayNavigate } from './trust';

const app = 'app://bientap/index.html';
const policy = createAppUrlPolicy();
const ours = new Set([7]);

describe('isTrustedSender', () => {
  it('trusts the main frame of our window showing the app', () => {
    expect(isTrustedSender({ webContentsId: 7, frame: { url: `${app}#/a`, isMainFrame: true } }, ours, policy)).toBe(
      true,
    );
  });

  it('refuses other web contents, subframes, lost frames and foreign pages', () => {
    expect(isTrustedSender({ webContentsId: 8, frame: { url: app, isMainFrame: true } }, ours, policy)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frame: { url: app, isMainFrame: false } }, ours, policy)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frame: null }, ours, policy)).toBe(false);
    expect(
      isTrustedSender({ webContentsId: 7, frame: { url: 'https://evil.example/', isMainFrame: true } }, ours, policy),
    ).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frame: { url: 'about:blank', isMainFrame: true } }, ours, policy)).toBe(
      false,
    );
  });
});

describe('mayNavigate', () => {
  it('allows only the app itself', () => {
    expect(mayNavigate(`${app}#/articles`, policy)).toBe(true);
    expect(mayNavigate('https://hue.gov.vn/', policy)).toBe(false);
    expect(mayNavigate('file:///home/user/Downloads/page.html', policy)).toBe(false);
    expect(mayNavigate('file:///opt/bientap/out/renderer/index.html', policy)).toBe(false);
  });
});
