export const OPEN_FAILURE_TITLE = 'Biên Tập không mở được dữ liệu';

/**
 * The text of the dialog shown when the database cannot be opened (corrupt, written by a newer
 * version, or the SQLite library built for the wrong runtime). The core's own errors already
 * carry a Vietnamese message; anything else is wrapped in one.
 */
export function describeOpenFailure(error: unknown, dataDir: string): string {
  const raw = error instanceof Error ? error.message : String(error);
  const isAppError = error instanceof Error && error.name === 'AppError';
  const lines = [isAppError ? raw : `Không mở được cơ sở dữ liệu: ${raw}`];
  if (/NODE_MODULE_VERSION|compiled against a different Node\.js version|did not self-register/i.test(raw)) {
    lines.push(
      'Thư viện SQLite chưa được biên dịch cho Electron. Hãy khởi động bằng `npm start`, hoặc chạy `node scripts/electron-native.mjs` trước.',
    );
  }
  lines.push('', `Thư mục dữ liệu: ${dataDir}`, 'Tệp dữ liệu được giữ nguyên, không bị sửa. Ứng dụng sẽ đóng lại.');
  return lines.join('\n');
}
