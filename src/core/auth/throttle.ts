import { AppError } from '../../shared/errors';
import type { CoreContext } from '../context';

/**
 * Slows down password guessing without handing anyone a way to lock an account.
 *
 * A hard lock after a few wrong passwords let anyone who could reach the sign-in shut any
 * colleague out. Instead every failure makes the next try wait, and the wait falls on whoever
 * failed:
 * - per account and client (one window of the app, one connection to the web host): free tries
 *   up to the third failure, then 1 s, doubling, at most 5 minutes;
 * - per client, whatever accounts it tries: from the tenth failure, 1 s doubling, at most
 *   5 minutes, so one caller cannot spread its guesses over every account;
 * - per account, from every client together: from the fiftieth failure since the account last
 *   signed in, 1 s doubling, at most one minute. This stops a caller that opens a new connection
 *   for each guess. It never applies to a client that has signed in to the account since the app
 *   started, and it is capped low, so the owner waits at most a minute and is never locked out.
 * A right password clears the account's counts and that client's count for the account; the
 * client's own count across accounts is not cleared by signing in to one of them, or signing in
 * to one's own account would reset a sweep over the others. A count nobody adds to for
 * 15 minutes is forgotten.
 *
 * The counts live in memory. Restarting the app clears them, which needs the machine the app
 * runs on (whoever has it can read the database file and guess offline anyway); keeping them in
 * the file would only bring back a stored state that outlasts the attack. Memory use is bounded.
 */
export const PAIR_FREE_FAILURES = 3;
export const CLIENT_FREE_FAILURES = 10;
export const ACCOUNT_FREE_FAILURES = 50;
export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 5 * 60 * 1000;
export const ACCOUNT_MAX_DELAY_MS = 60 * 1000;
export const FORGET_AFTER_MS = 15 * 60 * 1000;
/** Entries kept per table; the oldest go first beyond it. */
const MAX_ENTRIES = 10_000;

interface Count {
  failures: number;
  /** When the last failure happened, ms. */
  last: number;
  /** Before this time (ms) further tries are answered with the wait. */
  until: number;
}

interface State {
  pairs: Map<string, Count>;
  clients: Map<string, Count>;
  accounts: Map<string, Count>;
  /** account + client pairs that signed in: the account-wide wait does not apply to them. */
  trusted: Map<string, true>;
}

// One state per database connection: each open data file (and each test's) has its own counts.
const states = new WeakMap<object, State>();

function stateOf(ctx: CoreContext): State {
  let state = states.get(ctx.db);
  if (!state) {
    state = { pairs: new Map(), clients: new Map(), accounts: new Map(), trusted: new Map() };
    states.set(ctx.db, state);
  }
  return state;
}

/** Map keys keep insertion order: re-inserting on each write keeps the oldest first. */
function put<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
}

function current(map: Map<string, Count>, key: string, now: number): Count | undefined {
  const count = map.get(key);
  if (count && now - count.last > FORGET_AFTER_MS) {
    map.delete(key);
    return undefined;
  }
  return count;
}

function delayAfter(failures: number, free: number, cap: number): number {
  if (failures < free) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** Math.min(failures - free, 30), cap);
}

const pairKey = (account: string, client: string) => JSON.stringify([account, client]);

/** The account a sign-in names: the user's id when it exists, else the name typed. */
export function accountKey(userId: string | null, username: string): string {
  // Names are matched without regard to case, as sign-in does.
  return userId ? `user:${userId}` : `name:${username.trim().toLowerCase()}`;
}

export function tooManyAttempts(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const wait = seconds < 60 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`;
  return new AppError(
    'TOO_MANY_ATTEMPTS',
    `Mật khẩu đã bị nhập sai nhiều lần từ đây. Hãy chờ ${wait} rồi thử lại; ` +
      'nếu quên mật khẩu, hãy nhờ quản trị viên đặt lại.',
    undefined,
    { retryAfter: seconds },
  );
}

/** Throws TOO_MANY_ATTEMPTS while this client must wait before trying a password for the account. */
export function assertMayTry(ctx: CoreContext, account: string, client: string): void {
  const state = stateOf(ctx);
  const now = ctx.now().getTime();
  let until = Math.max(
    current(state.pairs, pairKey(account, client), now)?.until ?? 0,
    current(state.clients, client, now)?.until ?? 0,
  );
  if (!state.trusted.has(pairKey(account, client))) {
    until = Math.max(until, current(state.accounts, account, now)?.until ?? 0);
  }
  if (until > now) throw tooManyAttempts(until - now);
}

function bump(map: Map<string, Count>, key: string, now: number, free: number, cap: number): void {
  const failures = (current(map, key, now)?.failures ?? 0) + 1;
  put(map, key, { failures, last: now, until: now + delayAfter(failures, free, cap) });
}

/** Counts one wrong password (or a refused sign-in, which must look the same). */
export function recordFailure(ctx: CoreContext, account: string, client: string): void {
  const state = stateOf(ctx);
  const now = ctx.now().getTime();
  bump(state.pairs, pairKey(account, client), now, PAIR_FREE_FAILURES, MAX_DELAY_MS);
  bump(state.clients, client, now, CLIENT_FREE_FAILURES, MAX_DELAY_MS);
  bump(state.accounts, account, now, ACCOUNT_FREE_FAILURES, ACCOUNT_MAX_DELAY_MS);
}

/** A right password: the account's waits end, and this client is known to the account. */
export function recordSuccess(ctx: CoreContext, account: string, client: string): void {
  const state = stateOf(ctx);
  state.pairs.delete(pairKey(account, client));
  state.accounts.delete(account);
  put(state.trusted, pairKey(account, client), true);
}

/** An administrator enabled the account or set its password: nobody waits for its old failures. */
export function forgetAccount(ctx: CoreContext, userId: string): void {
  const state = stateOf(ctx);
  const account = accountKey(userId, '');
  state.accounts.delete(account);
  for (const key of state.pairs.keys()) if ((JSON.parse(key) as string[])[0] === account) state.pairs.delete(key);
}
