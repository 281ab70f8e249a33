import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { IPC_CHANNELS } from '../shared/ipc';
import { FLUSH_TIMEOUT_MS } from './flush-gate';
import { fakeEvent, type BrowserWindow } from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

type FakeElectron = typeof import('./testing/fake-electron');

let dataDir = '';
/** The instance the main process under test sees: a fresh module registry per test. */
let fake: FakeElectron;

async function startMain(): Promise<BrowserWindow> {
  vi.resetModules();
  fake = (await import('electron')) as unknown as FakeElectron;
  fake.resetFakeElectron();
  const { app, BrowserWindow } = fake;
  await import('./index');
  await vi.waitFor(
    () => {
      if (BrowserWindow.getAllWindows().length !== 1 && app.exitCode === null) throw new Error('no window yet');
    },
    { timeout: 30_000, interval: 20 },
  );
  return BrowserWindow.getAllWindows()[0]!;
}

/** Every core process started has exited. */
async function coreProcessesGone(): Promise<void> {
  await vi.waitFor(
    () => {
      if (fake.FakeUtilityProcess.started.some((child) => child.exited === null)) throw new Error('still running');
    },
    { timeout: 15_000, interval: 20 },
  );
}

function call(window: BrowserWindow, payload: unknown, frame = window.webContents.mainFrame) {
  return fake.ipcMain.invoke(IPC_CHANNELS.call, window.webContents, frame, payload);
}

function flushRequests(window: BrowserWindow) {
  return window.webContents.sent.filter(
    (m) => m.channel === IPC_CHANNELS.event && (m.message as { event: string }).event === 'app.flush',
  );
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'bientap-main-'));
  vi.stubEnv('BIENTAP_DATA_DIR', dataDir);
  vi.stubEnv('BIENTAP_SQLITE_BINDING', '');
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(async () => {
  vi.useRealTimers();
  if (fake) {
    // Destroyed, not closed: no flush wait outlives the test to close the next test's window.
    for (const window of fake.BrowserWindow.getAllWindows()) window.destroy();
    if (!fake.app.quitted) fake.app.emit('will-quit', fakeEvent());
    await coreProcessesGone();
  }
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the main process', () => {
  it('opens one locked-down window on the built page, with the profile inside the data folder', async () => {
    const window = await startMain();
    expect(window.options).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    });
    expect(window.loadedUrl).toBe('app://bientap/index.html');
    expect(fake.app.getPath('userData')).toBe(join(dataDir, 'electron-profile'));
  });

  it('answers the main frame of its window through the core', async () => {
    const window = await startMain();
    expect(await call(window, { method: 'setup.status', session: null, input: {} })).toEqual({
      ok: true,
      value: { needsAdmin: true },
    });
    expect(await call(window, { method: 'nope', session: null, input: {} })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(await call(window, 'garbage')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('refuses subframes, foreign pages and lost frames with FORBIDDEN', async () => {
    const window = await startMain();
    const request = { method: 'setup.status', session: null, input: {} };
    const forbidden = { ok: false, error: { code: 'FORBIDDEN' } };
    expect(await call(window, request, window.webContents.subframe(window.loadedUrl))).toMatchObject(forbidden);
    expect(await call(window, request, null as never)).toMatchObject(forbidden);
    window.webContents.mainFrame.url = 'https://evil.example/';
    expect(await call(window, request)).toMatchObject(forbidden);
  });

  it('applies the security handlers to its contents and session', async () => {
    const window = await startMain();
    const contents = window.webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });

    const away = fakeEvent({ url: 'https://example.com/' });
    contents.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    const home = fakeEvent({ url: `${window.loadedUrl}#/articles` });
    contents.emit('will-navigate', home);
    expect(home.defaultPrevented).toBe(false);
    const redirect = fakeEvent({ url: 'http://127.0.0.1:1/' });
    contents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);

    const permission = vi.fn();
    fake.session.defaultSession.permissionRequest?.(contents, 'media', permission);
    expect(permission).toHaveBeenCalledWith(false);
    expect(fake.session.defaultSession.permissionCheck?.(contents, 'clipboard-read')).toBe(false);

    let headers: Record<string, string | string[]> = {};
    fake.session.defaultSession.headersListener?.(
      { responseHeaders: { 'content-security-policy': ['default-src *'] } },
      (r) => {
        headers = r.responseHeaders;
      },
    );
    expect(headers).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('asks the renderer to flush before the window closes, and closes when it answers', async () => {
    const window = await startMain();
    window.close();
    expect(window.isDestroyed()).toBe(false);
    expect(flushRequests(window)).toHaveLength(1);

    // An answer from a foreign frame does not count.
    fake.ipcMain.deliver(IPC_CHANNELS.flushed, window.webContents, window.webContents.subframe(window.loadedUrl));
    expect(window.isDestroyed()).toBe(false);

    fake.ipcMain.deliver(IPC_CHANNELS.flushed, window.webContents, window.webContents.mainFrame);
    expect(window.isDestroyed()).toBe(true);
  });

  it('closes anyway after the timeout when the renderer never answers', async () => {
    const window = await startMain();
    vi.useFakeTimers();
    window.close();
    vi.advanceTimersByTime(FLUSH_TIMEOUT_MS - 10);
    expect(window.isDestroyed()).toBe(false);
    vi.advanceTimersByTime(10);
    expect(window.isDestroyed()).toBe(true);
  });

  it('flushes before quitting, then closes the window and the database', async () => {
    const window = await startMain();
    fake.app.quit();
    expect(fake.app.quitted).toBe(false);
    expect(flushRequests(window)).toHaveLength(1);
    fake.ipcMain.deliver(IPC_CHANNELS.flushed, window.webContents, window.webContents.mainFrame);
    expect(window.isDestroyed()).toBe(true);
    // The core writes its last state and closes the file; then the app quits.
    expect(fake.ipcMain.handlers.size).toBe(0);
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true), { timeout: 15_000 });
    expect(flushRequests(window)).toHaveLength(1);
    await coreProcessesGone();
  });

  it('pushes core events to the window', async () => {
    const window = await startMain();
    const created = (await call(window, {
      method: 'setup.createAdmin',
      session: null,
      input: { username: 'admin', displayName: 'Quản trị', password: 'mật khẩu đủ dài 123' },
    })) as { ok: boolean; value: { session: string } };
    expect(created.ok).toBe(true);
    await call(window, { method: 'articles.create', session: created.value.session, input: { title: 'Bài mới' } });
    await vi.waitFor(() => {
      const events = window.webContents.sent.filter((m) => m.channel === IPC_CHANNELS.event).map((m) => m.message);
      expect(events).toContainEqual(expect.objectContaining({ event: 'articles.changed' }));
    });
  });

  it('shows a Vietnamese error and quits without a window when the database cannot be opened', async () => {
    // A file where the data folder should be: the core cannot create its database there.
    rmSync(dataDir, { recursive: true, force: true });
    writeFileSync(dataDir, 'not a folder');
    await startMain();
    expect(fake.app.exitCode).toBe(1);
    expect(fake.BrowserWindow.getAllWindows()).toHaveLength(0);
    expect(fake.dialog.errors).toHaveLength(1);
    expect(fake.dialog.errors[0]?.title).toBe('Biên Tập không mở được dữ liệu');
    expect(fake.dialog.errors[0]?.content).toContain(`Thư mục dữ liệu: ${dataDir}`);
  });

  it('runs the core in its own process, never in the main one', async () => {
    const window = await startMain();
    const [core] = fake.FakeUtilityProcess.started;
    expect(fake.FakeUtilityProcess.started).toHaveLength(1);
    expect(core!.modulePath).toMatch(/[/\\]core\.js$/);
    expect(core!.child.pid).not.toBe(process.pid);
    // The database file is the child's: it exists, and the main process never opened a module that could open it.
    expect(existsSync(join(dataDir, 'bientap.sqlite'))).toBe(true);
    expect(await call(window, { method: 'setup.status', session: null, input: {} })).toMatchObject({ ok: true });
  });

  it('serves the built page on its own scheme and nothing outside it', async () => {
    await startMain();
    expect(fake.protocol.privileged).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    const handler = fake.protocol.handlers.get('app')!;
    const page = await handler({ url: 'app://bientap/index.html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<div id="root">');
    expect((await handler({ url: 'app://bientap/..%2f..%2fpackage.json' })).status).toBe(404);
  });

  it('answers what was waiting with an error, says so and quits when the core process dies', async () => {
    const window = await startMain();
    fake.FakeUtilityProcess.started[0]!.child.kill('SIGKILL');
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(1), { timeout: 15_000 });
    expect(fake.dialog.errors.at(-1)?.content).toContain('đã dừng đột ngột');
    expect(await call(window, { method: 'setup.status', session: null, input: {} })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('Những gì đã lưu vẫn còn') },
    });
  });

  it('runs the command line after --cli, with no window and no core process', async () => {
    const text = join(dataDir, 'bai.txt');
    writeFileSync(text, 'Sáng nay  UBND thành phố họp.\n');
    vi.spyOn(process, 'argv', 'get').mockReturnValue(['/opt/bientap/bientap', '--cli', 'proofread', text, '--json']);
    const printed = vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.resetModules();
    fake = (await import('electron')) as unknown as FakeElectron;
    fake.resetFakeElectron();
    await import('./index');
    await vi.waitFor(() => expect(fake.app.exitCode).not.toBeNull(), { timeout: 15_000 });
    // A warning only (the double space): the command's own exit code, 0.
    expect(fake.app.exitCode).toBe(0);
    expect(JSON.stringify(printed.mock.calls)).toContain('spacing.double');
    expect(fake.BrowserWindow.getAllWindows()).toHaveLength(0);
    expect(fake.FakeUtilityProcess.started).toHaveLength(0);
  });

  it('draws its menus in the language the UI switched to, and sends the menu commands to the window', async () => {
    const window = await startMain();
    const labelsOf = () => (fake.Menu.current ?? []).map((item) => item.label);
    expect(labelsOf()).toEqual(['Tệp', 'Sửa', 'Xem', 'Trợ giúp']);
    // Only the app's own page may switch it, and only to a language there is.
    fake.ipcMain.emit(
      IPC_CHANNELS.language,
      { sender: window.webContents, senderFrame: window.webContents.subframe(window.loadedUrl) },
      'en',
    );
    fake.ipcMain.emit(
      IPC_CHANNELS.language,
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      'fr',
    );
    expect(labelsOf()).toEqual(['Tệp', 'Sửa', 'Xem', 'Trợ giúp']);
    fake.ipcMain.emit(
      IPC_CHANNELS.language,
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      'en',
    );
    expect(labelsOf()).toEqual(['File', 'Edit', 'View', 'Help']);

    const file = fake.Menu.current![0]!.submenu!;
    expect(file.map((item) => item.label).slice(0, 3)).toEqual(['New article', 'Search', 'Next article in the queue']);
    file[2]!.click!();
    expect(window.webContents.sent.at(-1)).toEqual({
      channel: IPC_CHANNELS.event,
      message: { event: 'app.command', payload: { command: 'nextInQueue' } },
    });

    // A right-click in a text field: the clipboard's items, in English now.
    window.webContents.emit('context-menu', fakeEvent(), {
      isEditable: true,
      selectionText: '',
      editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: true },
    });
    expect(fake.Menu.popups.at(-1)?.map((item) => item.label)).toEqual([
      'Cut',
      'Copy',
      'Paste',
      'Paste as plain text',
      undefined,
      'Select all',
    ]);

    // The proofreader's fix for the word under the pointer, offered by the page as the right-click began.
    const rightClick = () =>
      window.webContents.emit('context-menu', fakeEvent(), {
        isEditable: true,
        selectionText: '',
        editFlags: { canCut: true, canCopy: true, canPaste: true, canSelectAll: true },
      });
    const offer = (frame: typeof window.webContents.mainFrame, suggestions: unknown) =>
      fake.ipcMain.emit(IPC_CHANNELS.suggestions, { sender: window.webContents, senderFrame: frame }, suggestions);
    offer(window.webContents.subframe(window.loadedUrl), [{ id: 'x', label: 'Camera' }]);
    offer(window.webContents.mainFrame, [{ id: 'b1:12:18:spelling', label: 'Camera' }]);
    rightClick();
    const menu = fake.Menu.popups.at(-1)!;
    expect(menu.map((item) => item.label).slice(0, 3)).toEqual(['Camera', undefined, 'Cut']);
    menu[0]!.click!();
    expect(window.webContents.sent.at(-1)).toEqual({
      channel: IPC_CHANNELS.event,
      message: { event: 'app.command', payload: { command: 'applyFix', id: 'b1:12:18:spelling' } },
    });
    // Used once, and never something that is not a short list of fixes.
    rightClick();
    expect(fake.Menu.popups.at(-1)![0]!.label).toBe('Cut');
    offer(window.webContents.mainFrame, [{ id: 'x', label: 'y'.repeat(500) }]);
    rightClick();
    expect(fake.Menu.popups.at(-1)![0]!.label).toBe('Cut');
  });
});
