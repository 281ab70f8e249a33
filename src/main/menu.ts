import { join } from 'node:path';
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { Labels } from './labels';

export type MenuCommand = 'newArticle' | 'search' | 'nextInQueue';

/**
 * The application menu in the UI's language (rebuilt when the language switch changes it). Edit and
 * view items are standard roles, so their shortcuts stay native; the app's own commands go to the
 * focused window, which runs them as its Ctrl+Alt shortcuts do.
 */
export function installMenu(dataDir: string, labels: Labels, command: (name: MenuCommand) => void): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const, label: 'Biên Tập' }] : []),
    {
      label: labels.file,
      submenu: [
        { label: labels.newArticle, accelerator: 'CmdOrCtrl+Alt+N', click: () => command('newArticle') },
        { label: labels.search, accelerator: 'CmdOrCtrl+Alt+F', click: () => command('search') },
        { label: labels.nextInQueue, accelerator: 'CmdOrCtrl+Alt+J', click: () => command('nextInQueue') },
        { type: 'separator' },
        isMac ? { role: 'close', label: labels.close } : { role: 'quit', label: labels.quit },
      ],
    },
    {
      label: labels.edit,
      submenu: [
        { role: 'undo', label: labels.undo },
        { role: 'redo', label: labels.redo },
        { type: 'separator' },
        { role: 'cut', label: labels.cut },
        { role: 'copy', label: labels.copy },
        { role: 'paste', label: labels.paste },
        { role: 'pasteAndMatchStyle', label: labels.pastePlain },
        { role: 'delete', label: labels.delete },
        { type: 'separator' },
        { role: 'selectAll', label: labels.selectAll },
      ],
    },
    {
      label: labels.view,
      submenu: [
        { role: 'reload', label: labels.reload },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const, label: labels.devTools }]),
        { type: 'separator' },
        { role: 'resetZoom', label: labels.resetZoom },
        { role: 'zoomIn', label: labels.zoomIn },
        { role: 'zoomOut', label: labels.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: labels.fullScreen },
      ],
    },
    {
      label: labels.help,
      role: 'help',
      submenu: [
        { label: labels.openDataFolder, click: () => void shell.openPath(dataDir) },
        { label: labels.openLogFolder, click: () => void shell.openPath(join(dataDir, 'nhat-ky')) },
        { type: 'separator' },
        { role: 'about', label: labels.about },
      ],
    },
  ];
  app.setAboutPanelOptions({
    applicationName: 'Biên Tập',
    applicationVersion: app.getVersion(),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
