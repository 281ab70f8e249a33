/**
 * The installed app is also the administrator's command line: `Biên Tập --cli verify --data …`
 * runs the same commands as `npm run cli`, before any window. Everything after `--cli` is the
 * command's; null when the app starts as a window.
 */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--cli');
  return at === -1 ? null : argv.slice(at + 1);
}
