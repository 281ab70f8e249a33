import { app, BrowserWindow, dialog, session } from 'electron';
import { openCore, type Core } from '../core/index';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { createAppUrlPolicy } from './app-url';
import { devContentSecurityPolicy } from './csp';
import { bindIpc } from './ipc';
import { installMenu } from './menu';
import { describeOpenFailure, OPEN_FAILURE_TITLE } from './open-failure';
import { dataDirectory, devServerUrl, keepProfileWithData, RENDERER_FILE_URL, sqliteBinding } from './paths';
import { safeStorageBox } from './secrets';
import { hardenAllContents, hardenSession } from './security';
import { createMainWindow, WindowRegistry } from './windows';

// Every renderer sandboxed, whatever a window's own options say.
app.enableSandbox();
keepProfileWithData();

const devUrl = devServerUrl();
const policy = createAppUrlPolicy({
  fileUrl: RENDERER_FILE_URL,
  devUrl,
  caseInsensitivePaths: process.platform === 'win32',
});
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

async function main(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession, devUrl ? devContentSecurityPolicy(devUrl) : CONTENT_SECURITY_POLICY);

  const dataDir = dataDirectory();
  let core: Core;
  try {
    core = openCore({
      dataDir,
      nativeBinding: sqliteBinding(),
      demo: process.argv.includes('--demo'),
      secrets: safeStorageBox,
    });
  } catch (error) {
    console.error(error);
    dialog.showErrorBox(OPEN_FAILURE_TITLE, describeOpenFailure(error, dataDir));
    app.exit(1);
    return;
  }

  const registry = new WindowRegistry();
  const unbind = bindIpc(core, registry, policy);
  installMenu(dataDir);
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
  let closed = false;
  app.on('will-quit', () => {
    if (closed) return;
    closed = true;
    unbind();
    core.close();
  });
}
