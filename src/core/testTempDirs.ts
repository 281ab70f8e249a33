/**
 * Temp folders for tests, and the ones a whole test file shares. Apart from the test kit so the
 * setup file that clears them after each file (`testCleanup.ts`) loads nothing of the core: every
 * test file runs it, most of them never open a core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(prefix = 'bientap-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const sharedDirs: string[] = [];
const onRemoved = new Set<() => void>();

/** A temp folder for files a whole test file shares; `removeSharedTempDirs` takes it away after the file. */
export function sharedTempDir(prefix: string): string {
  const dir = tempDir(prefix);
  sharedDirs.push(dir);
  return dir;
}

/** Runs `forget` when the shared folders go, so nothing keeps pointing into one. */
export function whenSharedTempDirsRemoved(forget: () => void): void {
  onRemoved.add(forget);
}

/** Run after each test file (vitest's setup file `src/core/testCleanup.ts`). */
export function removeSharedTempDirs(): void {
  for (const dir of sharedDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const forget of onRemoved) forget();
}
