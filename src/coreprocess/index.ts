/**
 * The desktop app's core process: started by the main process with Electron's utilityProcess
 * (or, in the tests, as a plain Node child with an IPC channel standing in for the port). Plain
 * Node: the only Electron it touches is `net`, for publishing through the system's proxy and
 * certificates.
 */
import { openCore } from '../core/index';
import { useNativeBinding } from '../core/db/binding';
import { createKeySecretBox } from '../core/publish/secrets';
import type { FromCore, Port, ToCore } from './protocol';
import { serveCore } from './serve';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function parentPort(): Port<FromCore, ToCore> {
  const electron = (process as { parentPort?: ParentPort }).parentPort;
  if (electron) {
    return {
      post: (message) => electron.postMessage(message),
      listen: (onMessage) => electron.on('message', (event) => onMessage(event.data as ToCore)),
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('The core process runs under the desktop app, which starts it with a channel');
  // A parent that went away leaves no one to answer: close the file and go.
  process.on('disconnect', () => process.exit(0));
  return {
    post: (message) => void send(message),
    listen: (onMessage) => process.on('message', (message) => onMessage(message as ToCore)),
  };
}

/** Electron's fetch inside the desktop app; Node's otherwise. */
async function systemFetch(): Promise<typeof fetch | undefined> {
  if (!process.versions.electron) return undefined;
  const { net } = await import('electron');
  return (input, init) => net.fetch(input instanceof URL ? input.href : input, init);
}

const fetchOverSystem = await systemFetch();

serveCore(parentPort(), {
  open(request, unseal) {
    useNativeBinding(request.nativeBinding);
    return openCore({
      dataDir: request.dataDir,
      nativeBinding: request.nativeBinding,
      demo: request.demo,
      secrets: createKeySecretBox(request.secretKey, request.secretsUnavailable),
      legacyUnseal: request.legacySecrets ? unseal : undefined,
      fetch: fetchOverSystem,
    });
  },
});
