import { app, BrowserWindow } from 'electron';
import { IPC_CHANNELS } from '../shared/ipc';
import type { AppUrlPolicy } from './app-url';
import { createFlushGate, FLUSH_TIMEOUT_MS, type FlushGate } from './flush-gate';
import { PRELOAD_PATH } from './paths';

export interface AppWindow {
  readonly window: BrowserWindow;
  readonly gate: FlushGate;
  /** Kept apart because `webContents.id` cannot be read once the window is destroyed. */
  readonly contentsId: number;
}

/** Our windows by web contents id: the only senders IPC listens to. */
export class WindowRegistry {
  readonly #byContents = new Map<number, AppWindow>();

  add(entry: AppWindow): void {
    this.#byContents.set(entry.contentsId, entry);
  }
  remove(contentsId: number): void {
    this.#byContents.delete(contentsId);
  }
  get(contentsId: number): AppWindow | undefined {
    return this.#byContents.get(contentsId);
  }
  ids(): ReadonlySet<number> {
    return new Set(this.#byContents.keys());
  }
  all(): AppWindow[] {
    return [...this.#byContents.values()];
  }
}

export function createMainWindow(policy: AppUrlPolicy, registry: WindowRegistry): AppWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Biên Tập',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // Proofreading is the app's own; Chromium's checker would fetch dictionaries from Google.
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  const contents = window.webContents;
  const contentsId = contents.id;

  const gate = createFlushGate({
    timeoutMs: FLUSH_TIMEOUT_MS,
    requestFlush: () => {
      if (contents.isDestroyed() || contents.isCrashed()) return false;
      contents.send(IPC_CHANNELS.event, { event: 'app.flush', payload: null });
      return true;
    },
  });
  const closeAgain = () => {
    if (!window.isDestroyed()) window.close();
  };
  window.on('close', (event) => {
    if (!gate.allow(closeAgain)) event.preventDefault();
  });
  // A dead renderer has nothing left to flush: do not make the user wait for the timeout.
  contents.on('render-process-gone', () => gate.acknowledge());
  // Once the renderer has flushed, a leftover beforeunload handler must not keep the window
  // open; before that (a reload, say) it keeps its say.
  contents.on('will-prevent-unload', (event) => {
    if (gate.state === 'done') event.preventDefault();
  });
  contents.on('did-fail-load', (_event, code, description, url) => {
    console.error(`Không tải được giao diện (${code} ${description}): ${url}`);
  });

  window.once('ready-to-show', () => window.show());
  window.on('closed', () => registry.remove(contentsId));

  const entry: AppWindow = { window, gate, contentsId };
  registry.add(entry);
  void window.loadURL(policy.entryUrl);
  return entry;
}
