import { exactForm, searchFold } from '../../shared/search';
import type { Db } from '../db/connection';

/**
 * The SQL functions the search triggers call, so an article and its index rows change in the same
 * transaction. Every connection that writes articles needs them; registering twice is harmless.
 * Deterministic: SQLite may cache results and use them in triggers and indexes.
 */
export function registerSearchFunctions(db: Db): void {
  db.function('bientap_fold', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? searchFold(value) : '',
  );
  db.function('bientap_exact', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? exactForm(value) : '',
  );
}
