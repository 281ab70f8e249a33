import { safeStorage } from 'electron';
import type { SecretBox } from '../core/publish/secrets';

/**
 * Site credentials sealed by the system keychain (DPAPI, Keychain, libsecret/KWallet). On Linux
 * without a keyring Electron falls back to a fixed key ("basic_text"): that is not protection,
 * so the desktop app then refuses to store a credential and says why.
 */
export const safeStorageBox: SecretBox = {
  unavailableReason() {
    if (!safeStorage.isEncryptionAvailable()) {
      return 'Hệ điều hành chưa mở kho khóa an toàn nên Biên Tập không lưu được mật khẩu trang web. Hãy đăng nhập lại máy hoặc bật kho khóa (Keyring) rồi thử lại.';
    }
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return 'Máy này không có kho khóa (GNOME Keyring hoặc KWallet) nên Biên Tập không lưu mật khẩu trang web. Hãy cài và mở kho khóa rồi thử lại.';
    }
    return null;
  },
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (sealed) => safeStorage.decryptString(sealed),
};
