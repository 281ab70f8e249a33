import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { choosePort, defaultDataDir, urlFromLine } from './webhost.mjs';

describe('defaultDataDir', () => {
  it('prefers BIENTAP_DATA_DIR', () => {
    expect(defaultDataDir({ BIENTAP_DATA_DIR: '/srv/bt' }, 'linux', '/home/a')).toBe('/srv/bt');
  });

  it('follows XDG on Linux, with its default', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/x' }, 'linux', '/home/a')).toBe('/x/bientap');
    expect(defaultDataDir({}, 'linux', '/home/a')).toBe('/home/a/.local/share/bientap');
  });

  it('uses the per-user folders of Windows and macOS', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toMatch(
      /Roaming.bientap$/,
    );
    expect(defaultDataDir({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/bientap');
  });
});

describe('urlFromLine', () => {
  it("picks the web host's URL line only", () => {
    expect(urlFromLine('BIENTAP_URL=http://127.0.0.1:5710/#token=abc')).toBe('http://127.0.0.1:5710/#token=abc');
    expect(urlFromLine('Biên Tập đang chạy: http://127.0.0.1:5710/')).toBeNull();
    expect(urlFromLine('BIENTAP_URL=')).toBeNull();
  });
});

describe('choosePort', () => {
  it('returns the preferred port when free and 0 when taken', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const taken = (server.address() as { port: number }).port;
    expect(await choosePort(taken)).toBe(0);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await choosePort(taken)).toBe(taken);
  });
});
