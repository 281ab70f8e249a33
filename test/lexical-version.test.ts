import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Two Lexical versions in one bundle make the editor silently ignore typing: every copy must be one version.
const root = path.resolve(import.meta.dirname, '..');

interface Found {
  name: string;
  version: string;
  at: string;
}

function isLexical(name: string): boolean {
  return name === 'lexical' || name.startsWith('@lexical/');
}

function readManifest(dir: string): { name?: string; version?: string } | null {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
}

/** Every installed lexical package, including copies nested under other packages. */
function installedLexical(nodeModules: string, found: Found[] = []): Found[] {
  if (!existsSync(nodeModules)) return found;
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dirs = entry.name.startsWith('@')
      ? readdirSync(path.join(nodeModules, entry.name), { withFileTypes: true })
          .filter((scoped) => scoped.isDirectory())
          .map((scoped) => path.join(nodeModules, entry.name, scoped.name))
      : [path.join(nodeModules, entry.name)];
    for (const dir of dirs) {
      const manifest = readManifest(dir);
      if (manifest?.name && manifest.version && isLexical(manifest.name)) {
        found.push({ name: manifest.name, version: manifest.version, at: path.relative(root, dir) });
      }
      installedLexical(path.join(dir, 'node_modules'), found);
    }
  }
  return found;
}

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const declared = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }).filter(([name]) =>
  isLexical(name),
);

describe('lexical versions', () => {
  it('declares every lexical package with one exact version', () => {
    expect(declared.length).toBeGreaterThan(0);
    for (const [name, range] of declared) expect(range, name).toMatch(/^\d+\.\d+\.\d+$/);
    expect(new Set(declared.map(([, range]) => range)).size).toBe(1);
  });

  it('has exactly one lexical version installed, the declared one', () => {
    const installed = installedLexical(path.join(root, 'node_modules'));
    expect(installed.map((item) => item.name)).toContain('lexical');
    const versions = [...new Set(installed.map((item) => item.version))];
    const listing = installed.map((item) => `${item.at}@${item.version}`).join('\n');
    expect(versions, `more than one Lexical version installed:\n${listing}`).toEqual([declared[0]?.[1]]);
  });

  it('finds a second copy nested under another package', () => {
    const tree = mkdtempSync(path.join(tmpdir(), 'bientap-lexical-'));
    try {
      const put = (dir: string, name: string, version: string) => {
        mkdirSync(path.join(tree, dir), { recursive: true });
        writeFileSync(path.join(tree, dir, 'package.json'), JSON.stringify({ name, version }));
      };
      put('lexical', 'lexical', '0.52.0');
      put('@lexical/react', '@lexical/react', '0.52.0');
      put('@lexical/react/node_modules/lexical', 'lexical', '0.51.1');
      const versions = installedLexical(tree).map((item) => item.version);
      expect(new Set(versions)).toEqual(new Set(['0.52.0', '0.51.1']));
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });
});
