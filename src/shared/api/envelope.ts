import { z } from 'zod';
import type { ApiErrorBody } from '../errors';
import type { MethodInput, MethodOutput } from './contract';
import type { EventName, MethodName } from './methods';

/**
 * The most one call may carry, on either transport: a long article's editor state, or an image
 * sent as base64 (11 MB of bytes). The web host counts bytes on the wire; the dispatcher counts
 * the characters of what arrives, which is what Electron's IPC hands over.
 */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** What a transport carries for one call. */
export const requestEnvelopeSchema = z
  .object({
    method: z.string().min(1).max(100),
    session: z.string().max(200).nullable().optional(),
    input: z.unknown(),
  })
  .strict();
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;

export type ApiResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export type BridgeMethods = {
  [M in MethodName]: (input: MethodInput<M>, session: string | null) => Promise<ApiResult<MethodOutput<M>>>;
};

/** The shape of `window.bientap`, the same in Electron and in the browser. */
export interface BientapBridge {
  /** One function per contract method, built from METHOD_NAMES. */
  readonly api: BridgeMethods;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
  /** Tells the host that the renderer finished writing unsaved work (answer to `app.flush`). */
  flushed(): void;
  /** Tells the host which language the UI speaks, for what it draws itself (the desktop app's menus and dialogs). */
  setLanguage(language: 'vi' | 'en'): void;
  /**
   * The proofreader's fixes for the text under the pointer, as a right-click begins: the desktop app shows
   * them first in its right-click menu and sends `app.command` `applyFix` with the chosen one's id.
   */
  offerSuggestions(suggestions: { id: string; label: string }[]): void;
  readonly kind: 'electron' | 'web';
}
