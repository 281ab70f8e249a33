import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './host';

/** The Electron executable if its download ever succeeded here; checked without triggering one. */
export function electronExecutable(): string | null {
  const pkg = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

export const E2E_TARGET = process.env.E2E_TARGET === 'electron' ? 'electron' : 'web';
