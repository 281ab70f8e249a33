import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../testkit';
import { createKeySecretBox, NO_SECRET_BOX } from './secrets';
import { findTarget, resealSecrets, saveTarget } from './targets';

/** What the system keychain did to a credential in earlier desktop releases: its own format, its own key. */
function keychainSeal(plain: string, key: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from('v11'), iv, cipher.getAuthTag(), body]);
}

function keychainUnseal(sealed: Buffer, key: Buffer): string {
  if (sealed.subarray(0, 3).toString() !== 'v11') throw new Error('not a keychain blob');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(3, 15));
  decipher.setAuthTag(sealed.subarray(15, 31));
  return Buffer.concat([decipher.update(sealed.subarray(31)), decipher.final()]).toString('utf8');
}

let core: TestCore | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

function wordpress(name: string, secret?: string) {
  return {
    name,
    enabled: true,
    config: {
      kind: 'wordpress' as const,
      siteUrl: 'https://vanhoa.example.vn',
      user: 'bientap',
      allowPlainHttp: false,
    },
    ...(secret ? { secret } : {}),
  };
}

describe('the key box the desktop app hands its core process', () => {
  it('seals with the key it was given and opens only what that key sealed', () => {
    const key = randomBytes(32);
    const box = createKeySecretBox(key, '');
    expect(box.unavailableReason()).toBeNull();
    const sealed = box.encrypt('abcd efgh ijkl mnop');
    expect(sealed.toString('latin1')).not.toContain('abcd');
    expect(box.decrypt(sealed)).toBe('abcd efgh ijkl mnop');
    expect(createKeySecretBox(new Uint8Array(key), '').decrypt(sealed)).toBe('abcd efgh ijkl mnop');
    expect(() => createKeySecretBox(randomBytes(32), '').decrypt(sealed)).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => box.decrypt(tampered)).toThrow();
  });

  it('without a key says why, in the words the main process gave, and stores nothing', () => {
    const box = createKeySecretBox(null, 'Máy này không có kho khóa.');
    expect(box.unavailableReason()).toBe('Máy này không có kho khóa.');
    expect(() => box.encrypt('x')).toThrow();
    expect(createKeySecretBox(new Uint8Array(16), 'khóa hỏng').unavailableReason()).toBe('khóa hỏng');
  });
});

describe('resealSecrets', () => {
  it('moves credentials an earlier release sealed with the keychain under the new key, once', async () => {
    core = openTestCore();
    const keychain = randomBytes(32);
    // Saved by the old desktop app: sealed by the keychain, stored as is.
    core.ctx.secrets = {
      unavailableReason: () => null,
      encrypt: (plain) => keychainSeal(plain, keychain),
      decrypt: (sealed) => keychainUnseal(sealed, keychain),
    };
    const old = saveTarget(core.ctx, wordpress('Cổng cũ', 'abcd efgh ijkl mnop'));
    const unreadable = saveTarget(core.ctx, wordpress('Cổng hỏng', 'qrst uvwx yz12 3456'));
    core.db.prepare('UPDATE publish_targets SET secret = ? WHERE id = ?').run(randomBytes(48), unreadable.id);

    // The new release: the core's own key box; the keychain is reached through the main process.
    core.ctx.secrets = createKeySecretBox(randomBytes(32), '');
    const asked: number[] = [];
    const unseal = async (sealed: Buffer) => {
      asked.push(sealed.length);
      return keychainUnseal(sealed, keychain);
    };
    expect(await resealSecrets(core.ctx, unseal)).toBe(1);
    expect(core.ctx.secrets.decrypt(findTarget(core.ctx, old.id)!.sealedSecret!)).toBe('abcd efgh ijkl mnop');
    // What neither way opens stays as it was: its next publish asks for the password again.
    expect(findTarget(core.ctx, unreadable.id)!.sealedSecret!.length).toBe(48);

    // A second start finds nothing left to move but the credential it cannot open.
    asked.length = 0;
    expect(await resealSecrets(core.ctx, unseal)).toBe(0);
    expect(asked).toHaveLength(1);
  });

  it('does nothing where this host cannot seal, and keeps a password saved meanwhile', async () => {
    core = openTestCore();
    core.ctx.secrets = NO_SECRET_BOX;
    let called = false;
    expect(
      await resealSecrets(core.ctx, async () => {
        called = true;
        return '';
      }),
    ).toBe(0);
    expect(called).toBe(false);

    const keychain = randomBytes(32);
    core.ctx.secrets = createKeySecretBox(randomBytes(32), '');
    const target = saveTarget(core.ctx, wordpress('Cổng', 'mới mới mới mới'));
    const legacy = keychainSeal('cũ cũ cũ cũ', keychain);
    core.db.prepare('UPDATE publish_targets SET secret = ? WHERE id = ?').run(legacy, target.id);
    const ctx = core.ctx;
    const fresh = ctx.secrets.encrypt('vừa nhập lại');
    // The administrator saves a new password while the old one is being opened.
    expect(
      await resealSecrets(ctx, async (sealed) => {
        ctx.db.prepare('UPDATE publish_targets SET secret = ? WHERE id = ?').run(fresh, target.id);
        return keychainUnseal(sealed, keychain);
      }),
    ).toBe(0);
    expect(ctx.secrets.decrypt(findTarget(ctx, target.id)!.sealedSecret!)).toBe('vừa nhập lại');
  });
});
