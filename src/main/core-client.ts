import type { ApiResult } from '../shared/api/envelope';
import type { EventName } from '../shared/api/methods';
import type { FromCore, OpenRequest, Port, ToCore } from '../coreprocess/protocol';

/** The core as the main process's IPC sees it, wherever it runs. */
export interface CoreLink {
  dispatch(envelope: unknown, origin: { client: string }): Promise<ApiResult>;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
}

/** The core process as the main process holds it: Electron's UtilityProcess, or a Node child in the tests. */
export interface CoreChild extends Port<ToCore, FromCore> {
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export const CORE_STOPPED_MESSAGE =
  'Phần xử lý dữ liệu của Biên Tập đã dừng đột ngột. Những gì đã lưu vẫn còn trong tệp dữ liệu; hãy mở lại Biên Tập.';

/** How long a closing core may take to write its last state before it is stopped. */
export const CORE_CLOSE_TIMEOUT_MS = 10_000;

/** Why the core process could not open the data, with the name its error had there (AppError or not). */
export class CoreOpenError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * The main process's end of the core process: calls go out numbered and come back answered, events
 * come in, and a process that dies answers everything still waiting with an error instead of hanging.
 */
export class CoreProcessClient implements CoreLink {
  readonly #child: CoreChild;
  readonly #waiting = new Map<number, (result: ApiResult) => void>();
  readonly #listeners = new Set<(event: EventName, payload: unknown) => void>();
  readonly #stopListeners = new Set<() => void>();
  #nextId = 1;
  #alive = true;
  #closing = false;
  #closed: (() => void) | null = null;

  private constructor(child: CoreChild) {
    this.#child = child;
  }

  /**
   * Starts the core on `child` and settles once it has opened the data (or failed to, with a
   * `CoreOpenError`). `unseal` opens a credential an earlier release sealed with the system keychain.
   */
  static open(
    child: CoreChild,
    request: OpenRequest,
    unseal: (sealed: Uint8Array) => string | null,
  ): Promise<CoreProcessClient> {
    const client = new CoreProcessClient(child);
    return new Promise((resolve, reject) => {
      let opened = false;
      child.listen((message) => {
        switch (message.type) {
          case 'ready':
            opened = true;
            return resolve(client);
          case 'failed':
            client.#closing = true;
            child.post({ type: 'close' });
            return reject(new CoreOpenError(message.error.name, message.error.message));
          case 'result': {
            const answer = client.#waiting.get(message.id);
            client.#waiting.delete(message.id);
            return answer?.(message.result);
          }
          case 'event':
            for (const listener of client.#listeners) listener(message.event, message.payload);
            return;
          case 'unseal': {
            let plain: string | null;
            try {
              plain = unseal(message.sealed);
            } catch {
              plain = null;
            }
            return child.post({ type: 'unsealed', id: message.id, plain });
          }
          case 'closed':
            client.#finish();
            return;
        }
      });
      child.onExit((code) => {
        client.#finish();
        if (!opened) reject(new CoreOpenError('Error', `Phần xử lý dữ liệu dừng lại khi đang mở (mã thoát ${code}).`));
      });
      child.post({ type: 'open', request });
    });
  }

  dispatch(envelope: unknown, origin: { client: string }): Promise<ApiResult> {
    if (!this.#alive || this.#closing) return Promise.resolve(stopped());
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      this.#child.post({ type: 'call', id, envelope, client: origin.client });
    });
  }

  onEvent(listener: (event: EventName, payload: unknown) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called once when the process goes away without being asked to close. */
  onStopped(listener: () => void): void {
    this.#stopListeners.add(listener);
  }

  /** Asks the core to close its file; stops the process if it takes longer than `timeoutMs`. */
  close(timeoutMs = CORE_CLOSE_TIMEOUT_MS): Promise<void> {
    if (!this.#alive) return Promise.resolve();
    this.#closing = true;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.#child.kill(), timeoutMs);
      this.#closed = () => {
        clearTimeout(timer);
        resolve();
      };
      this.#child.post({ type: 'close' });
    });
  }

  #finish(): void {
    if (!this.#alive) return;
    this.#alive = false;
    for (const answer of this.#waiting.values()) answer(stopped());
    this.#waiting.clear();
    if (this.#closed) this.#closed();
    else if (!this.#closing) for (const listener of this.#stopListeners) listener();
    this.#child.kill();
  }
}

function stopped(): ApiResult {
  return { ok: false, error: { code: 'INTERNAL', message: CORE_STOPPED_MESSAGE } };
}
