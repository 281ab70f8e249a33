import type { Core } from '../core/index';
import type { ApiResult } from '../shared/api/envelope';
import { DEFAULT_MESSAGES } from '../shared/errors';
import type { FromCore, OpenRequest, Port, ToCore } from './protocol';

const internal: ApiResult = { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } };

export interface ServeOptions {
  /** Opens the core as the main process asked; `unseal` asks the main process to open an old credential. */
  open(request: OpenRequest, unseal: (sealed: Buffer) => Promise<string>): Core;
}

/**
 * The core process's side of the channel: opens the core when asked, answers every call through
 * the same dispatcher the web host uses, forwards the core's events, and closes the file when told.
 * Calls run concurrently as the dispatcher allows; nothing here waits on a window.
 */
export function serveCore(port: Port<FromCore, ToCore>, options: ServeOptions): void {
  let core: Core | null = null;
  const log = (message: string, error?: unknown) =>
    core ? core.log.error(message, error) : console.error(message, error ?? '');
  let closing: Promise<void> | null = null;

  const unsealing = new Map<number, { resolve: (plain: string) => void; reject: (error: Error) => void }>();
  let nextUnseal = 1;
  const unseal = (sealed: Buffer) =>
    new Promise<string>((resolve, reject) => {
      const id = nextUnseal++;
      unsealing.set(id, { resolve, reject });
      port.post({ type: 'unseal', id, sealed: new Uint8Array(sealed) });
    });

  function open(request: OpenRequest): void {
    if (core || closing) return;
    try {
      core = options.open(request, unseal);
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      port.post({ type: 'failed', error: { name, message } });
      return;
    }
    core.onEvent((event, payload) => port.post({ type: 'event', event, payload }));
    port.post({ type: 'ready' });
  }

  function call(id: number, envelope: unknown, client: string): void {
    if (!core || closing) return port.post({ type: 'result', id, result: internal });
    core.dispatch(envelope, { client }).then(
      (result) => port.post({ type: 'result', id, result }),
      (error: unknown) => {
        log('Lỗi khi xử lý yêu cầu', error);
        port.post({ type: 'result', id, result: internal });
      },
    );
  }

  function close(): void {
    closing ??= (core ? core.close() : Promise.resolve())
      .catch((error: unknown) => log('Lỗi khi đóng dữ liệu', error))
      .finally(() => port.post({ type: 'closed' }));
  }

  port.listen((message) => {
    if (typeof message !== 'object' || message === null) return;
    switch (message.type) {
      case 'open':
        return open(message.request);
      case 'call':
        return call(message.id, message.envelope, message.client);
      case 'unsealed': {
        const wait = unsealing.get(message.id);
        unsealing.delete(message.id);
        if (message.plain === null) wait?.reject(new Error('The keychain could not open this credential'));
        else wait?.resolve(message.plain);
        return;
      }
      case 'close':
        return close();
    }
  });
}
