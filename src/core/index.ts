import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiResult } from '../shared/api/envelope';
import type { EventName } from '../shared/api/methods';
import { createDispatcher } from './api/dispatcher';
import { handlers } from './api/handlers';
import { createContext, type ContextOptions } from './context';
import { openDatabase } from './db/connection';
import { seedDemoIfWanted } from './demo/seed';

export interface CoreOptions extends Omit<ContextOptions, 'demoText'> {
  dataDir: string;
  /** Electron-ABI build of better-sqlite3, inside the desktop app. */
  nativeBinding?: string;
  /** Load the sample article as demo content. */
  demo?: boolean;
}

export interface Core {
  dispatch(envelope: unknown): Promise<ApiResult>;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
  readonly dbPath: string;
  close(): void;
}

export const DATABASE_FILE = 'bientap.sqlite';

/**
 * The project's copy of the sample article. This file and the bundled desktop main both sit
 * two folders below the project root (src/core/, out/main/), so one relative path serves both.
 */
const SAMPLE_ARTICLE = fileURLToPath(new URL('../../fixtures/sample-article.txt', import.meta.url));

export function openCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true });
  const dbPath = join(options.dataDir, DATABASE_FILE);
  const db = openDatabase(dbPath, { nativeBinding: options.nativeBinding });
  const ctx = createContext(db, {
    ...options,
    demoText: options.demo ? readFileSync(SAMPLE_ARTICLE, 'utf8') : null,
  });
  seedDemoIfWanted(ctx);
  return {
    dispatch: createDispatcher(ctx, handlers),
    onEvent: ctx.onEvent,
    dbPath,
    close: () => db.close(),
  };
}
