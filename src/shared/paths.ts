/**
 * Whether `value` names a folder from the root of a file system: `/srv/www` on Linux and macOS,
 * `D:\Website` or `\\server\share` on Windows. Pure string rules, so the renderer's form and the
 * contract agree; the core then checks the folder itself on this machine.
 */
export function isAbsoluteFolder(value: string): boolean {
  return /^\//.test(value) || /^[A-Za-z]:[\\/]/.test(value) || /^\\\\[^\\]+\\[^\\]+/.test(value);
}
