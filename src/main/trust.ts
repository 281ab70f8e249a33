import type { AppUrlPolicy } from './app-url';

/** What the main process knows about the sender of an IPC message. */
export interface SenderFacts {
  /** `event.sender.id`. */
  webContentsId: number;
  /** `event.senderFrame`: null once the frame has navigated away or been destroyed. */
  frame: { url: string; isMainFrame: boolean } | null;
}

/**
 * An IPC message is trusted only when it comes from the top frame of one of our own windows
 * while that frame shows the app. A subframe, a page the window was somehow navigated to, or
 * any other web contents gets nothing.
 */
export function isTrustedSender(
  facts: SenderFacts,
  ourWebContents: ReadonlySet<number>,
  policy: AppUrlPolicy,
): boolean {
  if (!ourWebContents.has(facts.webContentsId)) return false;
  if (!facts.frame || !facts.frame.isMainFrame) return false;
  return policy.isAppUrl(facts.frame.url);
}

/**
 * Navigation and redirects may only stay on the app. Links to the web are not opened either:
 * nothing in the workstation needs them, and handing renderer-chosen URLs to the OS is a
 * classic way out of the sandbox.
 */
export function mayNavigate(url: string, policy: AppUrlPolicy): boolean {
  return policy.isAppUrl(url);
}
