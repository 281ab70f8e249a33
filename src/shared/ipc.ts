/** Electron IPC channel names, shared by the main process and the preload script. */
export const IPC_CHANNELS = {
  /** invoke: `{method, session, input}` → ApiResult. */
  call: 'bientap:call',
  /** main → renderer: `{event, payload}`. */
  event: 'bientap:event',
  /** renderer → main: the answer to `app.flush`. */
  flushed: 'bientap:flushed',
  /** renderer → main: the language the UI switched to (`vi` or `en`), for menus, dialogs and the title. */
  language: 'bientap:language',
  /** renderer → main: the proofreader's fixes for the text under the pointer, for the right-click menu. */
  suggestions: 'bientap:suggestions',
} as const;

/** A fix the right-click menu offers: the finding it applies to, and the text it puts there. */
export interface Suggestion {
  id: string;
  label: string;
}

/** At most a few, short: what reaches the main process is checked against these. */
export function isSuggestionList(value: unknown): value is Suggestion[] {
  return (
    Array.isArray(value) &&
    value.length <= 5 &&
    value.every(
      (item: unknown) =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as Suggestion).id === 'string' &&
        (item as Suggestion).id.length <= 200 &&
        typeof (item as Suggestion).label === 'string' &&
        (item as Suggestion).label.length <= 200,
    )
  );
}

export const UI_LANGUAGES = ['vi', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
