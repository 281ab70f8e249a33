import { app } from 'electron';
import type { CoreLink } from './core-client';

const CHECK_EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * Updates through electron-updater from the address the administrator sets (`updates.set`, a
 * "generic" server: a folder with latest.yml and the installers). The update downloads in the
 * background, its SHA-512 checked against latest.yml (and on Windows its signature against the
 * installed app's publisher), the windows are told, and it installs when the app quits. Only in an
 * installed app: an unpackaged run has nothing to replace.
 */
export function startUpdates(core: CoreLink, announce: (version: string) => void): () => void {
  if (!app.isPackaged) return () => {};
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // Loaded here: it reaches for Electron's modules as soon as it is imported.
  const loading = import('electron-updater').then(({ default: updater }) => {
    const { autoUpdater } = updater;
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = true;
    autoUpdater.on('update-downloaded', (info) => announce(info.version));
    autoUpdater.on('error', (error) => console.error('Cập nhật thất bại:', error));
    return autoUpdater;
  });

  async function check(): Promise<void> {
    const settings = await core.dispatch({ method: 'updates.get', session: null, input: {} }, { client: 'main' });
    const feedUrl = settings.ok ? (settings.value as { feedUrl: string }).feedUrl : '';
    if (stopped || !feedUrl) return;
    const autoUpdater = await loading;
    autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl });
    await autoUpdater.checkForUpdates();
  }
  const checkQuietly = () => void check().catch((error: unknown) => console.error('Cập nhật thất bại:', error));

  checkQuietly();
  timer = setInterval(checkQuietly, CHECK_EVERY_MS);
  const stopListening = core.onEvent((event) => {
    if (event === 'updates.changed') checkQuietly();
  });
  return () => {
    stopped = true;
    clearInterval(timer);
    timer = undefined;
    stopListening();
  };
}
