import type { JSDOM } from 'jsdom';
import { jsdom } from './jsdom';

let shared: JSDOM | null = null;

/** One DOM for the process: creating a JSDOM costs milliseconds, reusing one costs nothing. */
export function domWindow(): JSDOM['window'] {
  shared ??= new (jsdom().JSDOM)('<!doctype html><html><body></body></html>');
  return shared.window;
}

const GLOBALS = ['window', 'document', 'Node', 'HTMLElement', 'DocumentFragment', 'Element', 'Text'] as const;

/**
 * Runs `fn` with the DOM globals Lexical's HTML export reaches for (it calls `document.createElement`),
 * restoring whatever was there afterwards. Synchronous only, so nothing else can observe them.
 */
export function withDom<T>(fn: () => T): T {
  const window = domWindow();
  const scope = globalThis as unknown as Record<string, unknown>;
  const saved = GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(scope, name)] as const);
  for (const name of GLOBALS) {
    Object.defineProperty(scope, name, {
      value: name === 'window' ? window : (window as unknown as Record<string, unknown>)[name],
      configurable: true,
      writable: true,
    });
  }
  try {
    return fn();
  } finally {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(scope, name, descriptor);
      else delete scope[name];
    }
  }
}
