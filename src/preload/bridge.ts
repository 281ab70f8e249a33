import type { ApiResult, BientapBridge, BridgeMethods } from '../shared/api/envelope';
import { DEFAULT_MESSAGES } from '../shared/errors';
import { isSuggestionList, type Suggestion } from '../shared/ipc';
import { EVENT_NAMES, METHOD_NAMES, type EventName } from '../shared/api/methods';

/** What the bridge needs from Electron, so that the bridge itself can be tested without it. */
export interface BridgeTransport {
  call(envelope: { method: string; session: string | null; input: unknown }): Promise<unknown>;
  /** Subscribes once to the host's event channel; messages are `{event, payload}`. */
  listen(onMessage: (message: unknown) => void): void;
  flushed(): void;
  language(language: 'vi' | 'en'): void;
  suggestions(suggestions: Suggestion[]): void;
}

function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}

const transportFailure: ApiResult = { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } };

/**
 * `window.bientap`: exactly one function per contract method and a subscription to the known
 * events. The renderer gets plain data back — never an IPC event object, never ipcRenderer.
 */
export function createBridge(transport: BridgeTransport): BientapBridge {
  const api: Record<string, (input: unknown, session: string | null) => Promise<unknown>> = {};
  for (const method of METHOD_NAMES) {
    api[method] = (input, session) =>
      transport.call({ method, session: session ?? null, input }).catch(() => transportFailure);
  }

  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  transport.listen((message) => {
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (!isEventName(event)) return;
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        // One failing listener must not keep the others (the flush among them) from running.
        console.error(error);
      }
    }
  });

  return Object.freeze({
    kind: 'electron' as const,
    api: Object.freeze(api) as unknown as BridgeMethods,
    on(event: EventName, listener: (payload: unknown) => void) {
      if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event)}`);
      if (typeof listener !== 'function') throw new TypeError('Listener must be a function');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    flushed() {
      transport.flushed();
    },
    setLanguage(language: 'vi' | 'en') {
      if (language === 'vi' || language === 'en') transport.language(language);
    },
    offerSuggestions(suggestions: Suggestion[]) {
      if (isSuggestionList(suggestions)) transport.suggestions(suggestions.map(({ id, label }) => ({ id, label })));
    },
  });
}
