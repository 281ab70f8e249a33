import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { CoreLink } from './core-client';
import type { ApiResult } from '../shared/api/envelope';
import { DEFAULT_MESSAGES } from '../shared/errors';
import { IPC_CHANNELS, isSuggestionList, UI_LANGUAGES, type Suggestion, type UiLanguage } from '../shared/ipc';
import type { AppUrlPolicy } from './app-url';
import { isTrustedSender, type SenderFacts } from './trust';
import type { WindowRegistry } from './windows';

const forbidden: ApiResult = { ok: false, error: { code: 'FORBIDDEN', message: DEFAULT_MESSAGES.FORBIDDEN } };
const internal: ApiResult = { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } };

function senderFacts(event: IpcMainEvent | IpcMainInvokeEvent): SenderFacts {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frame: frame
      ? {
          url: frame.url,
          isMainFrame: frame.parent === null && frame.frameTreeNodeId === event.sender.mainFrame.frameTreeNodeId,
        }
      : null,
  };
}

/**
 * The IPC transport: one invoke channel into the core's dispatcher, one channel for the
 * flush answer, and core events pushed to our windows. The payload goes to the dispatcher as
 * it arrived; validating it is the dispatcher's job, the same as for the web host.
 */
export function bindIpc(
  core: CoreLink,
  registry: WindowRegistry,
  policy: AppUrlPolicy,
  onLanguage: (language: UiLanguage) => void = () => {},
  onSuggestions: (contentsId: number, suggestions: Suggestion[]) => void = () => {},
): () => void {
  ipcMain.handle(IPC_CHANNELS.call, async (event, envelope: unknown): Promise<ApiResult> => {
    if (!isTrustedSender(senderFacts(event), registry.ids(), policy)) return forbidden;
    try {
      // Each window is one client for the sign-in waits, named by Electron, not by the page.
      return await core.dispatch(envelope, { client: `ipc:${event.sender.id}` });
    } catch (error) {
      console.error(error);
      return internal;
    }
  });

  const onFlushed = (event: IpcMainEvent) => {
    if (!isTrustedSender(senderFacts(event), registry.ids(), policy)) return;
    registry.get(event.sender.id)?.gate.acknowledge();
  };
  ipcMain.on(IPC_CHANNELS.flushed, onFlushed);

  const onLanguageMessage = (event: IpcMainEvent, language: unknown) => {
    if (!isTrustedSender(senderFacts(event), registry.ids(), policy)) return;
    if ((UI_LANGUAGES as readonly unknown[]).includes(language)) onLanguage(language as UiLanguage);
  };
  ipcMain.on(IPC_CHANNELS.language, onLanguageMessage);

  const onSuggestionsMessage = (event: IpcMainEvent, suggestions: unknown) => {
    if (!isTrustedSender(senderFacts(event), registry.ids(), policy)) return;
    if (isSuggestionList(suggestions)) onSuggestions(event.sender.id, suggestions);
  };
  ipcMain.on(IPC_CHANNELS.suggestions, onSuggestionsMessage);

  const stopEvents = core.onEvent((name, payload) => {
    for (const { window } of registry.all()) {
      if (!window.isDestroyed()) window.webContents.send(IPC_CHANNELS.event, { event: name, payload });
    }
  });

  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    ipcMain.off(IPC_CHANNELS.flushed, onFlushed);
    ipcMain.off(IPC_CHANNELS.language, onLanguageMessage);
    ipcMain.off(IPC_CHANNELS.suggestions, onSuggestionsMessage);
    stopEvents();
  };
}
