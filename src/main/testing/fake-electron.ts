/**
 * A small stand-in for the parts of Electron the main process uses, so its wiring (IPC trust,
 * the flush handshake, quitting, the security handlers) runs in plain Node tests. It models
 * Electron's documented event order, not its internals.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent<T extends object>(extra?: T): FakeEvent & T {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
    ...extra,
  } as FakeEvent & T;
  return event;
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  frameTreeNodeId: number;
}

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly sent: { channel: string; message: unknown }[] = [];
  readonly mainFrame: FakeFrame = { url: '', parent: null, frameTreeNodeId: nextId++ };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  crashed = false;

  send(channel: string, message: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, message });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isCrashed(): boolean {
    return this.crashed;
  }
  subframe(url: string): FakeFrame {
    return { url, parent: this.mainFrame, frameTreeNodeId: nextId++ };
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly windows = new Set<BrowserWindow>();
  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.windows];
  }
  static getFocusedWindow(): BrowserWindow | null {
    return null;
  }

  readonly webContents = new FakeWebContents();
  loadedUrl = '';
  destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.windows.add(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    this.emit('ready-to-show');
  }
  close(): void {
    if (this.destroyed) return;
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    BrowserWindow.windows.delete(this);
    this.emit('closed');
    if (BrowserWindow.windows.size === 0 && !app.quitting) app.emit('window-all-closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  quitting = false;
  quitted = false;
  exitCode: number | null = null;
  readonly paths = new Map<string, string>();

  enableSandbox(): void {}
  requestSingleInstanceLock(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? `/nonexistent/${name}`;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  setAboutPanelOptions(): void {}
  /** Electron's order: before-quit (cancellable), close every window (each cancellable), will-quit. */
  quit(): void {
    const event = fakeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.quitting = true;
    for (const window of BrowserWindow.getAllWindows()) {
      window.close();
      if (!window.isDestroyed()) {
        this.quitting = false;
        return;
      }
    }
    const willQuit = fakeEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      this.quitting = false;
      return;
    }
    this.quitted = true;
  }
  exit(code: number): void {
    this.exitCode = code;
  }
  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.quitting = false;
    this.quitted = false;
    this.exitCode = null;
    this.paths.clear();
    BrowserWindow.windows.clear();
  }
}

export const app = new FakeApp();

type Handler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke` would do, sent from the given frame. */
  async invoke(channel: string, sender: FakeWebContents, frame: FakeFrame | null, payload: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ sender, senderFrame: frame }, payload);
  }
  /** What `ipcRenderer.send` would do. */
  deliver(channel: string, sender: FakeWebContents, frame: FakeFrame | null): void {
    this.emit(channel, { sender, senderFrame: frame });
  }
  reset(): void {
    this.handlers.clear();
    this.removeAllListeners();
  }
}

export const ipcMain = new FakeIpcMain();

type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders: Record<string, string | string[]> }) => void,
) => void;

export const session = {
  defaultSession: {
    headersListener: null as HeadersListener | null,
    permissionRequest: null as
      ((contents: unknown, permission: string, callback: (ok: boolean) => void) => void) | null,
    permissionCheck: null as ((...args: unknown[]) => boolean) | null,
    webRequest: {
      onHeadersReceived(listener: HeadersListener) {
        session.defaultSession.headersListener = listener;
      },
    },
    setPermissionRequestHandler(
      handler: (contents: unknown, permission: string, callback: (ok: boolean) => void) => void,
    ) {
      session.defaultSession.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
      session.defaultSession.permissionCheck = handler;
    },
  },
};

export const dialog = {
  errors: [] as { title: string; content: string }[],
  showErrorBox(title: string, content: string) {
    dialog.errors.push({ title, content });
  },
};

interface FakeMenuItem {
  label?: string;
  role?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: FakeMenuItem[];
}

/** A built menu: its template, and the ones popped up as right-click menus. */
export const Menu = {
  current: null as FakeMenuItem[] | null,
  popups: [] as FakeMenuItem[][],
  buildFromTemplate: (template: FakeMenuItem[]) =>
    Object.assign([...template], {
      popup() {
        Menu.popups.push(template);
      },
    }),
  setApplicationMenu(menu: FakeMenuItem[]) {
    Menu.current = menu;
  },
};

export const shell = { openPath: async () => '' };

/** A machine without a keyring: the desktop app must then refuse to store site credentials. */
export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: (): Buffer => {
    throw new Error('Encryption is not available');
  },
  decryptString: (): string => {
    throw new Error('Encryption is not available');
  },
};

/** The core process's source: the built `core.js` the main process names is this file, bundled. */
const CORE_PROCESS_SOURCE = fileURLToPath(new URL('../../coreprocess/index.ts', import.meta.url));

/**
 * Electron's utilityProcess, played by a real Node child running the core process's source through
 * tsx, with Node's IPC channel where Electron has its message port. Only the wiring is stood in for:
 * the core, its database and its answers are real.
 */
export class FakeUtilityProcess extends EventEmitter {
  static readonly started: FakeUtilityProcess[] = [];
  readonly child: ChildProcess;
  exited: number | null = null;

  constructor(
    readonly modulePath: string,
    readonly options: Record<string, unknown>,
  ) {
    super();
    this.child = fork(CORE_PROCESS_SOURCE, [], {
      execArgv: ['--conditions=production', '--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message) => this.emit('message', message));
    this.child.on('exit', (code) => {
      this.exited = code ?? 1;
      this.emit('exit', this.exited);
    });
    FakeUtilityProcess.started.push(this);
  }
  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as never);
  }
  kill(): boolean {
    return this.child.kill();
  }
}

export const utilityProcess = {
  fork: (modulePath: string, _args: string[], options: Record<string, unknown>) =>
    new FakeUtilityProcess(modulePath, options),
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: { url: string }) => Promise<Response>) {
    if (protocol.handlers.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`);
    protocol.handlers.set(scheme, handler);
  },
};

export function resetFakeElectron(): void {
  for (const started of FakeUtilityProcess.started.splice(0)) if (started.exited === null) started.kill();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  app.reset();
  ipcMain.reset();
  session.defaultSession.headersListener = null;
  session.defaultSession.permissionRequest = null;
  session.defaultSession.permissionCheck = null;
  dialog.errors.length = 0;
  Menu.current = null;
  Menu.popups.length = 0;
}
