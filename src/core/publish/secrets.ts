import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/**
 * Encrypts site credentials before they reach the database. The desktop app hands the core
 * Electron's safeStorage (the system keychain); browser mode uses a key file of its own. Where
 * neither is available the core refuses to store a credential rather than keep it readable.
 */
export interface SecretBox {
  /** Null when this host cannot encrypt; the text says why, in Vietnamese. */
  unavailableReason(): string | null;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

export const NO_SECRET_BOX: SecretBox = {
  unavailableReason: () =>
    'Máy này không có kho khóa an toàn để cất mật khẩu ứng dụng của trang web, nên Biên Tập không lưu mật khẩu. Hãy chạy bản cài đặt trên máy tính để cấu hình trang WordPress.',
  encrypt() {
    throw new Error('No secret storage on this host');
  },
  decrypt() {
    throw new Error('No secret storage on this host');
  },
};

const VERSION = 1;

/**
 * AES-256-GCM under a random key kept in a file only its owner may read, outside the database:
 * a copied or backed-up database does not carry readable passwords. POSIX permissions are what
 * make the file private, so on systems without them the box reports itself unavailable.
 */
export function createKeyFileSecretBox(keyFile: string): SecretBox {
  const reason = () => {
    if (process.platform === 'win32') {
      return 'Chế độ trình duyệt trên Windows không có kho khóa riêng tư, nên Biên Tập không lưu mật khẩu trang web. Hãy dùng bản cài đặt trên máy tính.';
    }
    return null;
  };
  const key = (): Buffer => {
    if (!existsSync(keyFile)) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, randomBytes(32), { mode: 0o600, flag: 'wx' });
    }
    chmodSync(keyFile, 0o600);
    if ((statSync(keyFile).mode & 0o077) !== 0) throw new Error(`${keyFile} is readable by others`);
    const bytes = readFileSync(keyFile);
    if (bytes.length !== 32) throw new Error(`${keyFile} is not a 32-byte key`);
    return bytes;
  };
  return aesSecretBox(key, reason);
}

/**
 * AES-256-GCM under a key the host hands over: the desktop app keeps its key sealed by the system
 * keychain (safeStorage, which only Electron's main process can use) and gives the core process the
 * key itself; `unavailable` says why there is none.
 */
export function createKeySecretBox(key: Uint8Array | null, unavailable: string): SecretBox {
  const bytes = key && key.length === 32 ? Buffer.from(key) : null;
  return aesSecretBox(
    () => {
      if (!bytes) throw new Error('No secret key on this host');
      return bytes;
    },
    () => (bytes ? null : unavailable),
  );
}

function aesSecretBox(key: () => Buffer, reason: () => string | null): SecretBox {
  return {
    unavailableReason: reason,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      if (sealed[0] !== VERSION) throw new Error('Unknown secret format');
      const decipher = createDecipheriv('aes-256-gcm', key(), sealed.subarray(1, 13));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
    },
  };
}
