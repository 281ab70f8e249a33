import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/api/envelope';
import { createContext } from '../context';
import { openDatabase } from '../db/connection';
import { DATABASE_FILE, openCore, type Core } from '../index';
import { newKeyPair, unseal } from '../signoff/keys';
import { openTestCore, PASSWORD, TEST_KDF_COST, tempDir, type TestCore } from '../testkit';
import { PRODUCTION_KDF_COST } from './kdf';
import { hashPassword, verifyPassword } from './password';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function testCore(copyOf?: string): TestCore {
  const core = openTestCore({ copyOf });
  cleanups.push(() => core.close());
  return core;
}

const stored = (core: TestCore, username: string) =>
  core.db
    .prepare('SELECT password_hash AS hash, private_key AS sealed FROM users WHERE username = ?')
    .get(username) as {
    hash: string;
    sealed: string;
  };

describe('key-derivation cost', () => {
  it("is OWASP's scrypt cost wherever a host opens the core, for hashes and sealed keys alike", async () => {
    expect(PRODUCTION_KDF_COST).toEqual({ N: 131072, r: 8, p: 1 });
    const dir = tempDir();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const db = openDatabase(join(dir, 'context.sqlite'));
    cleanups.push(() => db.close());
    expect(createContext(db).kdfCost).toEqual({ N: 131072, r: 8, p: 1 });

    // Opened the way the desktop app, the web host and the command line open it: no cost given.
    const core: Core = openCore({ dataDir: join(dir, 'data'), publishWorker: false });
    const created = (await core.dispatch({
      method: 'setup.createAdmin',
      session: null,
      input: { username: 'quantri', displayName: 'Quản Trị Viên', password: PASSWORD },
    })) as ApiResult;
    core.close();
    expect(created.ok).toBe(true);
    const reopened = testCore(join(dir, 'data', DATABASE_FILE));
    const { hash, sealed } = stored(reopened, 'quantri');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(JSON.parse(sealed)).toMatchObject({ kdf: 'scrypt', N: 131072, r: 8, p: 1 });

    // A test core hashes at its lower cost, yet the account made at full cost still signs in,
    // and a password changed there is stored at the lower cost and verifies too.
    expect(reopened.ctx.kdfCost).toEqual(TEST_KDF_COST);
    const { session } = await reopened.call('auth.login', { username: 'quantri', password: PASSWORD });
    const newPassword = 'mật-khẩu-mới-rẻ-hơn-2026';
    await reopened.call('auth.changePassword', { currentPassword: PASSWORD, newPassword }, session);
    const changed = stored(reopened, 'quantri');
    expect(changed.hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(JSON.parse(changed.sealed)).toMatchObject({ N: 1024 });
    expect((await reopened.tryCall('auth.login', { username: 'quantri', password: newPassword })).ok).toBe(true);
  });

  it('is stored with every hash and sealed key, so either cost keeps verifying', async () => {
    const password = 'Huế mộng mơ 2026';
    for (const cost of [TEST_KDF_COST, PRODUCTION_KDF_COST]) {
      const hash = await hashPassword(password, cost);
      expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', String(cost.N), String(cost.r), String(cost.p)]);
      expect(await verifyPassword(password, hash)).toBe(true);
      expect(await verifyPassword(`${password}!`, hash)).toBe(false);
      const pair = await newKeyPair(password, cost);
      expect(JSON.parse(pair.sealedPrivateKey)).toMatchObject(cost);
      expect(await unseal(pair.sealedPrivateKey, password)).not.toBeNull();
      expect(await unseal(pair.sealedPrivateKey, `${password}!`)).toBeNull();
    }
  });

  it('is the lower test cost in the test kit, and the seeded accounts carry it', async () => {
    const core = testCore();
    await core.call('setup.createAdmin', { username: 'quantri', displayName: 'Quản Trị', password: PASSWORD });
    const { hash, sealed } = stored(core, 'quantri');
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(JSON.parse(sealed)).toMatchObject({ N: 1024, r: 8, p: 1 });
  });

  it('is lowered in a running host only by the flag the end-to-end harness passes', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const files = ['bin', 'scripts', 'src', 'e2e', 'package.json']
      .flatMap((top) =>
        top.includes('.')
          ? [top]
          : readdirSync(join(root, top), { recursive: true, withFileTypes: true })
              .filter((entry) => entry.isFile() && /\.(ts|tsx|mjs|js|json)$/.test(entry.name))
              .map((entry) => relative(root, join(entry.parentPath, entry.name))),
      )
      .filter((file) => !file.endsWith('kdf.test.ts'));
    const passing = files.filter((file) => readFileSync(join(root, file), 'utf8').includes('test-only-weak-kdf'));
    expect(passing.sort()).toEqual(['e2e/support/host.ts', 'src/core/auth/kdf.ts', 'src/webhost/main.ts']);
  });
});
