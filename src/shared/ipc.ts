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
} as const;

export const UI_LANGUAGES = ['vi', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
