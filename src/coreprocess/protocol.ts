import type { ApiResult } from '../shared/api/envelope';
import type { EventName } from '../shared/api/methods';

/**
 * What the desktop app's main process and its core process say to each other (Electron's
 * utilityProcess port; a Node child's IPC channel in the tests). The core process holds the database,
 * proofreading, search and publishing; the main process only relays what its windows ask.
 */

export interface OpenRequest {
  dataDir: string;
  /** The Electron-ABI build of better-sqlite3. */
  nativeBinding?: string;
  demo: boolean;
  /** The key site credentials are sealed with, opened by the main process with the system keychain. */
  secretKey: Uint8Array | null;
  /** Why there is no key, in Vietnamese (no keychain on this system). */
  secretsUnavailable: string;
  /** Whether the main process can open credentials sealed by the system keychain directly (earlier releases). */
  legacySecrets: boolean;
}

/** From the main process. */
export type ToCore =
  | { type: 'open'; request: OpenRequest }
  | { type: 'call'; id: number; envelope: unknown; client: string }
  | { type: 'unsealed'; id: number; plain: string | null }
  | { type: 'close' };

/** From the core process. */
export type FromCore =
  | { type: 'ready' }
  | { type: 'failed'; error: { name: string; message: string } }
  | { type: 'result'; id: number; result: ApiResult }
  | { type: 'event'; event: EventName; payload: unknown }
  | { type: 'unseal'; id: number; sealed: Uint8Array }
  | { type: 'closed' };

/** One end of the channel. */
export interface Port<Out, In> {
  post(message: Out): void;
  listen(onMessage: (message: In) => void): void;
}
