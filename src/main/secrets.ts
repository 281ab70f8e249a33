import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';

/** Beside the database: the key site credentials are sealed with, itself sealed by the system keychain. */
export const SECRET_KEY_FILE = 'khoa-mat-khau-trang.bin';

/**
 * Why the system keychain cannot keep a secret here, or null. On Linux without a keyring Electron
 * falls back to a fixed key ("basic_text"): that is not protection, so the app then refuses to store
 * a credential and says why.
 */
export function keychainUnavailable(): string | null {
  if (!safeStorage.isEncryptionAvailable()) {
    return 'Hệ điều hành chưa mở kho khóa an toàn nên Biên Tập không lưu được mật khẩu trang web. Hãy đăng nhập lại máy hoặc bật kho khóa (Keyring) rồi thử lại.';
  }
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return 'Máy này không có kho khóa (GNOME Keyring hoặc KWallet) nên Biên Tập không lưu mật khẩu trang web. Hãy cài và mở kho khóa rồi thử lại.';
  }
  return null;
}

/**
 * The core process's credential key. safeStorage works only in the main process, so the main process
 * opens the key with it and hands the key over; the core seals each credential with AES-GCM. A key the
 * keychain can no longer open (another user account, a reinstalled system) is kept aside and a new one
 * made: the sites then ask for their passwords again instead of the app failing to start.
 */
export function credentialKey(dataDir: string): { key: Uint8Array | null; unavailable: string } {
  const unavailable = keychainUnavailable();
  if (unavailable) return { key: null, unavailable };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, SECRET_KEY_FILE);
  if (existsSync(file)) {
    try {
      const key = Buffer.from(safeStorage.decryptString(readFileSync(file)), 'base64');
      if (key.length === 32) return { key, unavailable: '' };
    } catch {
      // Falls through to a new key.
    }
    renameSync(file, `${file}.${Date.now()}.khong-mo-duoc`);
  }
  const key = randomBytes(32);
  writeFileSync(file, safeStorage.encryptString(key.toString('base64')), { mode: 0o600, flag: 'wx' });
  return { key, unavailable: '' };
}

/** A credential an earlier release sealed with the keychain directly; null when it cannot be opened. */
export function unsealLegacy(sealed: Uint8Array): string | null {
  if (keychainUnavailable()) return null;
  return safeStorage.decryptString(Buffer.from(sealed));
}
