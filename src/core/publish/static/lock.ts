import { hostname } from 'node:os';
import { PublishError } from '../adapter';
import type { SiteFiles } from './files';
import { LOCK_PATH } from './layout';

/** Longer than any publish takes; a lock this old was left by a process that died on another machine. */
export const STALE_LOCK_MS = 10 * 60_000;

interface LockOwner {
  host: string;
  pid: number;
  at: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

function parseOwner(bytes: Buffer | null): LockOwner | null {
  try {
    const value = bytes ? (JSON.parse(bytes.toString('utf8')) as Partial<LockOwner>) : null;
    return value && typeof value.host === 'string' && typeof value.pid === 'number' && typeof value.at === 'string'
      ? (value as LockOwner)
      : null;
  } catch {
    return null;
  }
}

/** A lock file with no readable owner is being written right now, or was left half-written long ago. */
const UNREADABLE_LOCK_MS = 60_000;

function stale(owner: LockOwner | null, modified: Date | null, now: Date): boolean {
  if (!owner) return !modified || now.getTime() - modified.getTime() > UNREADABLE_LOCK_MS;
  if (owner.host === hostname() && !alive(owner.pid)) return true;
  const at = Date.parse(owner.at);
  return Number.isNaN(at) || now.getTime() - at > STALE_LOCK_MS;
}

/**
 * Runs `work` holding the folder's lock file, so two processes (the desktop app and the browser
 * mode, or two workstations sharing a network folder) never rebuild the site over each other.
 */
export async function withSiteLock<T>(files: SiteFiles, work: () => Promise<T>): Promise<T> {
  // Wall-clock time, not a test's fixed clock: other processes judge the lock's age by it.
  const owner: LockOwner = { host: hostname(), pid: process.pid, at: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    if (await files.create(LOCK_PATH, JSON.stringify(owner))) break;
    const bytes = await files.read(LOCK_PATH);
    const current = parseOwner(bytes);
    if (attempt > 0 || !stale(current, await files.modifiedAt(LOCK_PATH), new Date()))
      throw new PublishError(
        'transient',
        `Thư mục trang web đang được cập nhật bởi ${current ? `máy ${current.host} (tiến trình ${current.pid})` : 'một tiến trình khác'}. Hệ thống sẽ tự thử lại sau.`,
      );
    await files.remove(LOCK_PATH);
  }
  try {
    return await work();
  } finally {
    await files.remove(LOCK_PATH);
  }
}
