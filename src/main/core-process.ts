import { utilityProcess } from 'electron';
import { CoreProcessClient, type CoreChild } from './core-client';
import { CORE_PROCESS_PATH } from './paths';
import { credentialKey, keychainUnavailable, unsealLegacy } from './secrets';

/**
 * Starts the core in a utility process (Electron's advice for a SQLite server): the main process
 * stays free to move windows and route input while the core saves, searches or publishes.
 */
export function startCoreProcess(options: {
  dataDir: string;
  nativeBinding?: string;
  demo: boolean;
}): Promise<CoreProcessClient> {
  const forked = utilityProcess.fork(CORE_PROCESS_PATH, [], { serviceName: 'Biên Tập – dữ liệu', stdio: 'inherit' });
  const child: CoreChild = {
    post: (message) => forked.postMessage(message),
    listen: (onMessage) => forked.on('message', onMessage),
    onExit: (listener) => forked.on('exit', listener),
    kill: () => void forked.kill(),
  };
  let secrets: { key: Uint8Array | null; unavailable: string };
  try {
    secrets = credentialKey(options.dataDir);
  } catch (error) {
    secrets = { key: null, unavailable: `Không đọc được khóa mật khẩu trang web: ${String(error)}` };
  }
  return CoreProcessClient.open(
    child,
    {
      ...options,
      secretKey: secrets.key,
      secretsUnavailable: secrets.unavailable,
      legacySecrets: !keychainUnavailable(),
    },
    unsealLegacy,
  );
}
