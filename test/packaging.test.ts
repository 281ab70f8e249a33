import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const builder = load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
  files: string[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  nsis: Record<string, unknown>;
  mac: {
    target: string[];
    hardenedRuntime: boolean;
    entitlements: string;
    entitlementsInherit: string;
    notarize: boolean;
  };
  publish: { provider: string; url: string }[];
};
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean }>;
};

/** What electron-builder puts in the app: `node_modules` of the production tree, minus the `files` exclusions. */
function shipped(relative: string): boolean {
  return !builder.files.some(
    (pattern) => pattern.startsWith('!') && minimatch(relative, pattern.slice(1), { dot: true }),
  );
}

function walk(folder: string, relative: string, out: string[]): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const child = `${relative}/${entry.name}`;
    if (entry.isDirectory()) walk(path.join(folder, entry.name), child, out);
    else out.push(child);
  }
}

const NATIVE = /\.(node|dll|dylib)$|\.so(\.\d+)*$/;

describe('the desktop package', () => {
  it('flips every fuse that closes a way around the app: Node mode, NODE_OPTIONS, the inspector, file:// privileges, an altered asar', () => {
    expect(builder.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('installs per user in Vietnamese on Windows, and signs, hardens and notarises on macOS from the environment', () => {
    expect(builder.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
      language: '1066',
      installerLanguages: ['vi_VN'],
    });
    expect(builder.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(builder.mac.target).toEqual(expect.arrayContaining(['dmg', 'zip']));
    const entitlements = readFileSync(path.join(root, 'resources', path.basename(builder.mac.entitlements)), 'utf8');
    expect(builder.mac.entitlementsInherit).toBe(builder.mac.entitlements);
    expect(entitlements).toContain('<key>com.apple.security.cs.allow-jit</key>');
    // Nothing beyond what V8 needs: no device access, no loading of others' libraries.
    expect(entitlements.match(/<key>/g)).toHaveLength(2);
    expect(builder.publish).toEqual([expect.objectContaining({ provider: 'generic' })]);
  });

  it('keeps every native library a shipped package holds outside app.asar', () => {
    const production = Object.entries(lock.packages)
      .filter(([key, entry]) => key.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
      .map(([key]) => key);
    const natives: string[] = [];
    for (const folder of production) {
      let exists = false;
      try {
        exists = statSync(path.join(root, folder)).isDirectory();
      } catch {
        // An optional package for another platform (sharp's for Windows, say) is not installed here.
      }
      if (!exists) continue;
      const files: string[] = [];
      walk(path.join(root, folder), folder, files);
      natives.push(...files.filter((file) => NATIVE.test(file) && shipped(file)));
    }
    // sharp's addon and its libvips are found on this machine, so the check has something to check.
    expect(natives.some((file) => file.includes('@img/') && /\.so/.test(file))).toBe(true);
    const packed = natives.filter((file) => !builder.asarUnpack.some((glob) => minimatch(file, glob, { dot: true })));
    expect(packed, 'native files that would stay inside app.asar').toEqual([]);
  });

  it('ships no package only the renderer uses: Vite has bundled those into out/renderer', () => {
    const outsideRenderer = [
      'src/core',
      'src/main',
      'src/coreprocess',
      'src/preload',
      'src/shared',
      'src/server',
      'src/webhost',
      'src/cli',
      'bin',
      'scripts',
    ];
    const sources: string[] = [];
    for (const folder of outsideRenderer) {
      const files: string[] = [];
      walk(path.join(root, folder), folder, files);
      sources.push(
        ...files
          .filter(
            (file) => /\.(ts|mts|mjs|js)$/.test(file) && !/\.test\.ts$|testkit|testSite|test[A-Z]\w*\.ts$/.test(file),
          )
          .map((file) => readFileSync(path.join(root, file), 'utf8')),
      );
    }
    const used = (name: string) =>
      sources.some((text) => text.includes(`'${name}'`) || text.includes(`'${name}/`) || text.includes(`"${name}"`));
    // A package another shipped package needs (a dependency or a peer, as Hocuspocus needs y-protocols)
    // ships anyway: listing it pins its version.
    const needed = new Set<string>();
    for (const name of Object.keys(pkg.dependencies)) {
      const manifest = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
      for (const other of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) needed.add(other);
    }
    const rendererOnly = Object.keys(pkg.dependencies).filter((name) => !used(name) && !needed.has(name));
    expect(rendererOnly, 'dependencies nothing outside the renderer imports: make them devDependencies').toEqual([]);
    // And the renderer's own libraries are indeed not among them.
    for (const name of ['react', 'react-dom', '@mantine/core', '@tabler/icons', 'i18next'])
      expect(pkg.dependencies, name).not.toHaveProperty(name);
  });
});
