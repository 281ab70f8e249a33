/** Electron IPC channel names, shared by the main process and the preload script. */
export const IPC_CHANNELS = {
  /** invoke: `{method, session, input}` → ApiResult. */
  call: 'bientap:call',
  /** main → renderer: `{event, payload}`. */
  event: 'bientap:event',
  /** renderer → main: the answer to `app.flush`. */
  flushed: 'bientap:flushed',
} as const;
