import type { BientapBridge } from '../../../shared/api/envelope';
import { flushAll } from './registry';

/**
 * Saves unsaved work when the page may be going away: hidden (tab switch, minimise), unloaded
 * (reload, close) or when the host asks before quitting (`app.flush`, answered with `flushed()`).
 */
export function installLifecycleFlush(bridge: BientapBridge): void {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushAll();
  });
  window.addEventListener('pagehide', () => {
    void flushAll();
  });
  bridge.on('app.flush', () => {
    void flushAll().finally(() => bridge.flushed());
  });
}
