import { exactForm, searchFold } from '../../shared/search';
import type { Db } from '../db/connection';

/**
 * The search folds as SQL functions. Migration 005 indexed the articles already there with them,
 * and search filters by folded category; articles themselves are indexed by the indexer
 * (indexer.ts), so writing an article needs none of them. Registering twice is harmless.
 * Deterministic: SQLite may cache results.
 */
export function registerSearchFunctions(db: Db): void {
  db.function('bientap_fold', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? searchFold(value) : '',
  );
  db.function('bientap_exact', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? exactForm(value) : '',
  );
}
