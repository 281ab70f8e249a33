import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';

/** The application menu in Vietnamese; every item is a standard role, so shortcuts stay native. */
export function installMenu(dataDir: string): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const, label: 'Biên Tập' }] : []),
    {
      label: 'Tệp',
      submenu: [isMac ? { role: 'close', label: 'Đóng cửa sổ' } : { role: 'quit', label: 'Thoát' }],
    },
    {
      label: 'Sửa',
      submenu: [
        { role: 'undo', label: 'Hoàn tác' },
        { role: 'redo', label: 'Làm lại' },
        { type: 'separator' },
        { role: 'cut', label: 'Cắt' },
        { role: 'copy', label: 'Sao chép' },
        { role: 'paste', label: 'Dán' },
        { role: 'pasteAndMatchStyle', label: 'Dán không kèm định dạng' },
        { role: 'delete', label: 'Xóa' },
        { type: 'separator' },
        { role: 'selectAll', label: 'Chọn tất cả' },
      ],
    },
    {
      label: 'Xem',
      submenu: [
        { role: 'reload', label: 'Tải lại' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const, label: 'Công cụ cho nhà phát triển' }]),
        { type: 'separator' },
        { role: 'resetZoom', label: 'Cỡ chữ mặc định' },
        { role: 'zoomIn', label: 'Phóng to' },
        { role: 'zoomOut', label: 'Thu nhỏ' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Toàn màn hình' },
      ],
    },
    {
      label: 'Trợ giúp',
      role: 'help',
      submenu: [
        { label: 'Mở thư mục dữ liệu', click: () => void shell.openPath(dataDir) },
        { type: 'separator' },
        { role: 'about', label: 'Giới thiệu Biên Tập' },
      ],
    },
  ];
  app.setAboutPanelOptions({
    applicationName: 'Biên Tập',
    applicationVersion: app.getVersion(),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
