// The office server's command: `npm run server -- --data DIR --port N [--host ADDR] [--office FINGERPRINT] [--redis URL]`.
// Its first line is machine-readable (the URL), the second the certificate an invitation pins.
import { parseServerArgs, type ServerArgs } from './args';
import { ServerStartError } from './errors';
import { startOfficeServer, type OfficeServer } from './server';

async function main(): Promise<void> {
  let server: OfficeServer;
  let args: ServerArgs;
  try {
    args = parseServerArgs(process.argv.slice(2));
    server = await startOfficeServer(args);
  } catch (error) {
    const message =
      error instanceof ServerStartError
        ? error.message
        : `Máy chủ không khởi động được: ${(error as Error).stack ?? error}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `BIENTAP_SERVER_URL=${server.url}\n` +
      `BIENTAP_SERVER_CERT=sha256:${server.certSha256}\n` +
      `Dữ liệu máy chủ nằm ở ${server.dataDir} (tài liệu: office.sqlite, tệp ảnh: blobs/, chứng chỉ: tls/).\n` +
      (server.office
        ? `Khóa văn phòng đã ghim: ${server.office}\n`
        : 'Chưa gắn khóa văn phòng (--office): chỉ các khóa trong bảng server_keys được kết nối.\n') +
      (args.redis ? 'Chuyển tiếp tài liệu với các tiến trình máy chủ khác của văn phòng qua Redis (--redis).\n' : ''),
  );

  let stopping = false;
  const stop = (signal: string) => {
    // Under npm the same signal can arrive twice (to the group, then forwarded): one stop is enough.
    if (stopping) return;
    stopping = true;
    process.stderr.write(`Nhận ${signal}: đang đóng các kết nối và cơ sở dữ liệu…\n`);
    server.close().then(
      () => {
        process.stderr.write('Máy chủ đã dừng.\n');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`Lỗi khi dừng máy chủ: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
