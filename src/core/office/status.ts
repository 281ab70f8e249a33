import { isoNow, type CoreContext } from '../context';
import { readOfficeConnection } from './invitations';
import { pendingChanges } from './store';

/**
 * Where this workstation stands with the office server, as the one place in the UI and
 * `bientap office status` say it: "Đã đồng bộ lúc …" / "Đang đồng bộ" / "Ngoại tuyến — N thay đổi
 * chưa gửi". `none`: the workstation belongs to no office.
 */
export type OfficeSyncState = 'synced' | 'syncing' | 'offline' | 'none';

export interface OfficeStatus {
  /** wss://host:port of the office server, or null without an office. */
  server: string | null;
  state: OfficeSyncState;
  /** The last moment this workstation knew it held everything the server held, and the server everything it made. */
  lastSyncAt: string | null;
  /** Updates made here that the server has not acknowledged yet (they survive restarts). */
  pendingChanges: number;
  /** Why the link is down, when known (Vietnamese), else null. */
  problem: string | null;
}

/** A running connection writes its state at least this often; an older state means nobody is connected. */
export const HEARTBEAT_MS = 20_000;
const STALE_AFTER_MS = 3 * HEARTBEAT_MS;

interface StateRow {
  state: 'synced' | 'syncing' | 'offline';
  problem: string | null;
  last_sync_at: string | null;
  seen_at: string;
}

/** Records the link's state (and, when synced, the sync instant); called by the running connection. */
export function writeLinkState(
  ctx: Pick<CoreContext, 'db' | 'now'>,
  state: 'synced' | 'syncing' | 'offline',
  problem: string | null,
): void {
  const now = isoNow(ctx);
  ctx.db
    .prepare(
      `INSERT INTO office_sync_state (id, state, problem, last_sync_at, seen_at) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, problem = excluded.problem,
         last_sync_at = coalesce(excluded.last_sync_at, office_sync_state.last_sync_at), seen_at = excluded.seen_at`,
    )
    .run(state, problem, state === 'synced' ? now : null, now);
}

/** The sync status, from the database alone: right whether or not the application is running. */
export function officeStatus(ctx: Pick<CoreContext, 'db' | 'now'>): OfficeStatus {
  const settings = readOfficeConnection(ctx);
  if (!settings) return { server: null, state: 'none', lastSyncAt: null, pendingChanges: 0, problem: null };
  const row = ctx.db
    .prepare('SELECT state, problem, last_sync_at, seen_at FROM office_sync_state WHERE id = 1')
    .get() as StateRow | undefined;
  // A state nobody has confirmed for a while was left by a process that has stopped (closed or killed).
  const alive = row !== undefined && ctx.now().getTime() - Date.parse(row.seen_at) <= STALE_AFTER_MS;
  return {
    server: settings.url,
    state: row && alive ? row.state : 'offline',
    lastSyncAt: row?.last_sync_at ?? null,
    pendingChanges: pendingChanges(ctx),
    problem: row && alive ? row.problem : null,
  };
}
