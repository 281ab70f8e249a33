import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { registerAppScheme, serveAppScheme } from './app-scheme';
import { createAppUrlPolicy } from './app-url';
import { cliArguments } from './cli-route';
import { CORE_STOPPED_MESSAGE, type CoreProcessClient } from './core-client';
import { startCoreProcess } from './core-process';
import { devContentSecurityPolicy } from './csp';
import { bindIpc } from './ipc';
import { contextMenuTemplate } from './context-menu';
import { LABELS, type Labels } from './labels';
import { installMenu, type MenuCommand } from './menu';
import { startUpdates } from './updates';
import { IPC_CHANNELS, type Suggestion } from '../shared/ipc';
import { describeOpenFailure, OPEN_FAILURE_TITLE } from './open-failure';
import { dataDirectory, devServerUrl, keepProfileWithData, RENDERER_ROOT, sqliteBinding } from './paths';
import { hardenAllContents, hardenSession } from './security';
import { createMainWindow, WindowRegistry } from './windows';

/** The fixes a window offers count for the right-click menu that follows within this long. */
const SUGGESTIONS_FRESH_MS = 2_000;

const cli = cliArguments(process.argv);
const devUrl = devServerUrl();
const policy = createAppUrlPolicy(devUrl);

if (cli) {
  // The administrator's command line: no window, no lock (a backup or a check may run beside the open app).
  commandLine(cli).then(
    (code) => app.exit(code),
    (error: unknown) => {
      console.error(error);
      app.exit(2);
    },
  );
} else {
  // Every renderer sandboxed, whatever a window's own options say.
  app.enableSandbox();
  keepProfileWithData();
  registerAppScheme();
  // Registered before anything can create a web contents.
  hardenAllContents(policy);

  // Two processes writing one database would fight over autosaves: the second start only
  // brings the first window forward.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    main().catch((error: unknown) => {
      console.error(error);
      app.exit(1);
    });
  }
}

/** The command line runs here, not in the core process: a utility process has no standard input for passwords. */
async function commandLine(args: string[]): Promise<number> {
  const { runCli } = await import('../cli/run');
  return runCli(args, { nativeBinding: sqliteBinding() });
}

async function main(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession, devUrl ? devContentSecurityPolicy(devUrl) : CONTENT_SECURITY_POLICY);
  if (!devUrl) serveAppScheme(RENDERER_ROOT, CONTENT_SECURITY_POLICY);

  const dataDir = dataDirectory();
  let core: CoreProcessClient;
  try {
    core = await startCoreProcess({ dataDir, nativeBinding: sqliteBinding(), demo: process.argv.includes('--demo') });
  } catch (error) {
    console.error(error);
    dialog.showErrorBox(OPEN_FAILURE_TITLE, describeOpenFailure(error, dataDir));
    app.exit(1);
    return;
  }

  const registry = new WindowRegistry();
  // Vietnamese until the first window says which language its UI speaks.
  let labels: Labels = LABELS.vi;
  const sendToWindows = (event: string, payload: unknown) => {
    for (const { window } of registry.all())
      if (!window.isDestroyed()) window.webContents.send(IPC_CHANNELS.event, { event, payload });
  };
  const menuCommand = (command: MenuCommand) => {
    const focused = BrowserWindow.getFocusedWindow() ?? registry.all()[0]?.window;
    if (focused && !focused.isDestroyed())
      focused.webContents.send(IPC_CHANNELS.event, { event: 'app.command', payload: { command } });
  };
  // The proofreader's fixes each window offered as its last right-click began; used by the menu that follows.
  const offered = new Map<number, { suggestions: Suggestion[]; at: number }>();
  const unbind = bindIpc(
    core,
    registry,
    policy,
    (language) => {
      if (LABELS[language] === labels) return;
      labels = LABELS[language];
      installMenu(dataDir, labels, menuCommand);
    },
    (contentsId, suggestions) => offered.set(contentsId, { suggestions, at: Date.now() }),
  );
  app.on('web-contents-created', (_event, contents) => {
    const contentsId = contents.id;
    contents.on('context-menu', (_menuEvent, params) => {
      const fresh = offered.get(contentsId);
      offered.delete(contentsId);
      const suggestions = fresh && Date.now() - fresh.at < SUGGESTIONS_FRESH_MS ? fresh.suggestions : [];
      const template = contextMenuTemplate(
        params,
        labels,
        suggestions.map(({ id, label }) => ({
          label,
          pick: () => contents.send(IPC_CHANNELS.event, { event: 'app.command', payload: { command: 'applyFix', id } }),
        })),
      );
      if (template.length > 0) Menu.buildFromTemplate(template).popup();
    });
  });
  const stopUpdates = startUpdates(core, (version) => sendToWindows('app.updateReady', { version }));
  installMenu(dataDir, labels, menuCommand);
  createMainWindow(policy, registry);

  app.on('second-instance', () => {
    const [first] = registry.all();
    if (!first) return void createMainWindow(policy, registry);
    if (first.window.isMinimized()) first.window.restore();
    first.window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(policy, registry);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting (menu, Cmd+Q, the OS) asks every window to flush first, like closing one does.
  const quitAgain = () => app.quit();
  app.on('before-quit', (event) => {
    let waiting = false;
    for (const { gate } of registry.all()) {
      if (!gate.allow(quitAgain)) waiting = true;
    }
    if (waiting) event.preventDefault();
  });
  // A core process that dies on its own leaves nothing to answer the windows: say so and close.
  core.onStopped(() => {
    dialog.showErrorBox(labels.coreStoppedTitle, CORE_STOPPED_MESSAGE);
    app.exit(1);
  });
  // The core writes its last state and closes the file before the app goes.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    closed = true;
    event.preventDefault();
    unbind();
    stopUpdates();
    void core.close().finally(() => app.quit());
  });
}
