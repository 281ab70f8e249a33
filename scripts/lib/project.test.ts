import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isStale } from './project.mjs';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file and dates it, and its folder with it: a folder's time changes when files come or go. */
function file(path: string, secondsAgo: number) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, 'x');
  const time = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(path, time, time);
  for (let folder = join(path, '..'); folder.startsWith(dir) && folder !== dir; folder = join(folder, '..')) {
    utimesSync(folder, time, time);
  }
}

describe('isStale', () => {
  it('is stale when an output is missing', () => {
    dir = mkdtempSync(join(tmpdir(), 'bientap-stale-'));
    file(join(dir, 'src/a.ts'), 100);
    expect(isStale([join(dir, 'out/index.js')], [join(dir, 'src')])).toBe(true);
  });

  it('is fresh when every output is newer than every input, stale once a nested input changes', () => {
    dir = mkdtempSync(join(tmpdir(), 'bientap-stale-'));
    file(join(dir, 'src/deep/a.ts'), 100);
    file(join(dir, 'out/index.js'), 50);
    file(join(dir, 'out/index.html'), 40);
    const outputs = [join(dir, 'out/index.js'), join(dir, 'out/index.html')];
    expect(isStale(outputs, [join(dir, 'src'), join(dir, 'missing.json')])).toBe(false);
    file(join(dir, 'src/deep/a.ts'), 45);
    expect(isStale(outputs, [join(dir, 'src')])).toBe(true);
  });
});
