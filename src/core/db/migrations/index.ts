import { up as initial } from './001-initial';

/**
 * Numbered migrations, oldest first. Migration N brings `PRAGMA user_version` from N-1 to N.
 * Never edit a released one: add the next number.
 */
export const MIGRATIONS: readonly { version: number; name: string; up: string }[] = [
  { version: 1, name: 'initial', up: initial },
];

export const LATEST_VERSION = MIGRATIONS.length;
