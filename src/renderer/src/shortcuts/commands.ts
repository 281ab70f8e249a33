/** What the app's own shortcuts do; the desktop app's menu sends the same commands. */
export const APP_COMMANDS = ['newArticle', 'search', 'nextInQueue'] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];

/** The keys, as Mantine's useHotkeys reads them ("mod": Ctrl, or ⌘ on a Mac). */
export const COMMAND_KEYS: Record<AppCommand, string> = {
  newArticle: 'mod+alt+N',
  search: 'mod+alt+F',
  nextInQueue: 'mod+alt+J',
};

export function isAppCommand(value: unknown): value is AppCommand {
  return typeof value === 'string' && (APP_COMMANDS as readonly string[]).includes(value);
}

/** The article after the one open in the queue (the first when none of it is open), or null when the queue is empty. */
export function nextInQueue(ids: readonly string[], openId: string | null): string | null {
  if (ids.length === 0) return null;
  const at = openId === null ? -1 : ids.indexOf(openId);
  return ids[(at + 1) % ids.length]!;
}
