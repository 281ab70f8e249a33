import { describe, expect, it, vi } from 'vitest';
import { chromiumInstruction, ensureChromium } from '../scripts/lib/chromium.mjs';

const browser = { path: '/usr/bin/chromium', source: 'installed' };

function platform(options: {
  found?: boolean;
  afterInstall?: boolean;
  debian?: boolean;
  root?: boolean;
  aptFails?: boolean;
}) {
  let installed = false;
  const aptGet = vi.fn((args: string[]) => {
    if (args[0] === 'update') return 0;
    if (options.aptFails && aptGet.mock.calls.length === 1) return 100;
    installed = Boolean(options.afterInstall);
    return 0;
  });
  return {
    find: () => (options.found || installed ? browser : null),
    debian: () => options.debian ?? true,
    root: () => options.root ?? true,
    aptGet,
  };
}

describe('the end-to-end browser setup step', () => {
  it('uses a browser that is already there without installing anything', () => {
    const system = platform({ found: true });
    expect(ensureChromium({ platform: system, log: () => {} })).toEqual(browser);
    expect(system.aptGet).not.toHaveBeenCalled();
  });

  it("installs Debian's chromium as root on Debian", () => {
    const system = platform({ afterInstall: true });
    expect(ensureChromium({ platform: system, log: () => {} })).toEqual(browser);
    expect(system.aptGet).toHaveBeenCalledWith(['install', '-y', 'chromium']);
  });

  it('refreshes the package lists when a fresh image has none', () => {
    const system = platform({ afterInstall: true, aptFails: true });
    expect(ensureChromium({ platform: system, log: () => {} })).toEqual(browser);
    expect(system.aptGet.mock.calls.map(([args]) => args.join(' '))).toEqual([
      'install -y chromium',
      'update',
      'install -y chromium',
    ]);
  });

  it('stops with the instruction when it may not install', () => {
    const system = platform({ root: false });
    expect(() => ensureChromium({ platform: system, log: () => {} })).toThrow(chromiumInstruction());
    expect(system.aptGet).not.toHaveBeenCalled();
  });

  it('stops with the instruction when the install did not give a browser', () => {
    expect(() => ensureChromium({ platform: platform({ afterInstall: false }), log: () => {} })).toThrow(
      /No Chromium or Chrome was found/,
    );
  });
});
