import { createRequire } from 'node:module';
import type * as Jsdom from 'jsdom';

const require = createRequire(import.meta.url);
let loaded: typeof Jsdom | null = null;

/**
 * jsdom, loaded the first time HTML is rendered or read: loading it costs more than a second of
 * start-up, and most starts render nothing before the first publish or paste check.
 */
export function jsdom(): typeof Jsdom {
  return (loaded ??= require('jsdom') as typeof Jsdom);
}
