import type { BientapBridge } from '../../../shared/api/envelope';
import { createWebBridge } from './web';

let bridge: BientapBridge | null = null;

/**
 * The host bridge: Electron's preload provides `window.bientap`; in a plain browser the web
 * bridge stands in for it, so the rest of the UI never knows which host it runs in.
 */
export function getBridge(): BientapBridge {
  if (bridge) return bridge;
  const provided = (window as { bientap?: BientapBridge }).bientap;
  bridge = provided ?? createWebBridge();
  return bridge;
}
