import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openCore, type Core } from '../core';
import { TEST_ONLY_KDF_COST } from '../core/auth/kdf';
import { createKeyFileSecretBox } from '../core/publish/secrets';
import { startWebHost } from './server';

const USAGE =
  'Cách dùng: node --import tsx src/webhost/main.ts --data THƯ_MỤC [--port SỐ] [--demo] [--renderer THƯ_MỤC]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        port: { type: 'string', default: '0' },
        demo: { type: 'boolean', default: false },
        renderer: { type: 'string', default: 'out/renderer' },
        // For the end-to-end specs alone (e2e/support/host.ts), which create accounts by the dozen: new
        // passwords are hashed and signing keys sealed at a cost someone holding the data folder could
        // afford. `npm run web`, `npm start` and the desktop app never pass it (src/core/auth/kdf.test.ts).
        'test-only-weak-kdf': { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.data) fail(`Thiếu thư mục dữ liệu (--data).\n${USAGE}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`Cổng không hợp lệ: ${values.port}\n${USAGE}`);
  const rendererDir = resolve(values.renderer);
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    fail(`Chưa có giao diện đã dựng trong ${rendererDir}. Hãy chạy \`npm run build\` rồi thử lại.`);
  }

  let core: Core;
  try {
    const dataDir = resolve(values.data);
    // Browser mode has no system keychain: a private key file beside the database seals site credentials.
    const weakKdf = values['test-only-weak-kdf'];
    if (weakKdf) console.error('Chỉ dùng để kiểm thử: mật khẩu được băm với chi phí thấp (--test-only-weak-kdf).');
    core = openCore({
      dataDir,
      demo: values.demo,
      secrets: createKeyFileSecretBox(join(dataDir, 'secret.key')),
      ...(weakKdf ? { kdfCost: TEST_ONLY_KDF_COST } : {}),
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const host = await startWebHost({ core, rendererDir, port });
  // One machine-readable line for scripts and tests, then where the data lives.
  console.log(`BIENTAP_URL=${host.openUrl}`);
  console.log(`Dữ liệu / data: ${core.dbPath}`);

  const stop = (): void => {
    // The core writes its last state (the office connection's too) and closes the file first; ten seconds at most.
    setTimeout(() => process.exit(0), 10_000).unref();
    void host
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
