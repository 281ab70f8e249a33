import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiResult } from '../shared/api/envelope';
import type { EventName } from '../shared/api/methods';
import { createDispatcher } from './api/dispatcher';
import type { RequestFacts } from './api/handler';
import { handlers } from './api/handlers';
import { createContext, type ContextOptions, type CoreContext } from './context';
import { OfficeConnection } from './office/connection';
import { officeHooks } from './office/hooks';
import { DATABASE_FILE } from './dataFile';
import { DamagedDataError, openDatabase } from './db/connection';
import { makePrivate, PRIVATE_FILE, PRIVATE_FOLDER } from './backup/backup';
import { applyPendingRestore } from './backup/restore';
import { BackupScheduler, backupBeforeMigrationFrom } from './backup/scheduler';
import { seedDemoIfWanted } from './demo/seed';
import { adapterFor } from './publish/adapters';
import type { SecretBox } from './publish/secrets';
import { ensureDefaultTarget, resealSecrets } from './publish/targets';
import { PublishWorker } from './publish/worker';
import { SearchIndexer } from './search/indexer';
import { openLogFile, type CoreLog } from './log/log';
import { openRecovery } from './recovery/recovery';

export interface CoreOptions extends Omit<ContextOptions, 'demoText'> {
  dataDir: string;
  /** Electron-ABI build of better-sqlite3, inside the desktop app. */
  nativeBinding?: string;
  /** Load the sample article as demo content. */
  demo?: boolean;
  /** How site credentials are encrypted on this host; without one, none can be stored. */
  secrets?: SecretBox;
  /** Send the publishing outbox in the background (default true). */
  publishWorker?: boolean;
  /** Back the database up on start and every few hours (default true). */
  backups?: boolean;
  /** A damaged data file opens the recovery core instead of failing (default true). */
  recovery?: boolean;
  /** Opens a site credential sealed the way an earlier release of this host sealed it; it is sealed again with `secrets`. */
  legacyUnseal?: (sealed: Buffer) => Promise<string>;
}

export interface Core {
  /** `origin` is filled in by the transport from what it knows, never from the caller's payload. */
  dispatch(envelope: unknown, origin?: RequestFacts): Promise<ApiResult>;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
  /** The workstation's log file (src/core/log). */
  readonly log: CoreLog;
  readonly dbPath: string;
  /** Stops the background work and closes the file; settles once the file is closed. */
  close(): Promise<void>;
}

export { DATABASE_FILE };

/**
 * The project's copy of the sample article. This file and the bundled desktop main both sit
 * two folders below the project root (src/core/, out/main/), so one relative path serves both.
 */
const SAMPLE_ARTICLE = fileURLToPath(new URL('../../fixtures/sample-article.txt', import.meta.url));

/**
 * On a workstation that belongs to an office: the live connection to the office server, told what
 * happens here (src/core/office/hooks.ts); the changes live editors have open are announced to them.
 */
function startOfficeConnection(ctx: CoreContext, log: (message: string) => void): OfficeConnection | null {
  const office = OfficeConnection.open(ctx, {
    log,
    onStatus: () => ctx.emit('office.changed', {}),
    onLiveChange: (articleId, session) => ctx.emit('collab.changed', { articleId, session }),
    onImageStored: (hash) => ctx.emit('images.stored', { hash }),
  });
  if (!office) return null;
  ctx.office = officeHooks(ctx, office, log);
  office.start();
  return office;
}

export function openCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true, mode: PRIVATE_FOLDER });
  makePrivate(options.dataDir, PRIVATE_FOLDER);
  const logFile = openLogFile(options.dataDir);
  try {
    return openWithLog(options, logFile);
  } catch (error) {
    // Why the data did not open is the first thing support asks for.
    logFile.error('Không mở được dữ liệu', error);
    // A damaged file opens the recovery screen instead (read-only); anything else stops the start.
    if (error instanceof DamagedDataError && options.recovery !== false) {
      return openRecovery({
        dataDir: options.dataDir,
        file: error.file,
        detail: error.detail,
        log: logFile,
      });
    }
    void logFile.close();
    throw error;
  }
}

function openWithLog(options: CoreOptions, logFile: CoreLog): Core {
  const log = (message: string) => logFile.info(message);
  const warn = (message: string) => logFile.warn(message);
  // A backup the administrator chose to restore goes in place before the database opens.
  const restored = applyPendingRestore(options.dataDir, new Date());
  if (restored)
    log(`Đã khôi phục ${restored.backup}; tệp dữ liệu trước đó được giữ lại: ${restored.keptAs ?? '(không có)'}.`);
  const dbPath = join(options.dataDir, DATABASE_FILE);
  const db = openDatabase(dbPath, {
    nativeBinding: options.nativeBinding,
    beforeMigrate: (opened) => {
      const kept = backupBeforeMigrationFrom(opened, options.dataDir);
      log(`Đã sao lưu trước khi nâng cấp dữ liệu: ${kept}`);
    },
  });
  makePrivate(dbPath, PRIVATE_FILE);
  log(`Đã mở dữ liệu ${dbPath} (lược đồ ${db.pragma('user_version', { simple: true }) as number}).`);
  const ctx = createContext(db, {
    ...options,
    demoText: options.demo ? readFileSync(SAMPLE_ARTICLE, 'utf8') : null,
    log: logFile,
  });
  seedDemoIfWanted(ctx);
  const siteFolder = join(options.dataDir, 'site');
  mkdirSync(siteFolder, { recursive: true });
  ensureDefaultTarget(ctx, siteFolder);
  if (options.legacyUnseal) {
    resealSecrets(ctx, options.legacyUnseal).then(
      (count) => count && log(`Đã chuyển ${count} mật khẩu trang web sang khóa mới của máy này.`),
      (error: unknown) => logFile.error('Không chuyển được mật khẩu trang web sang khóa mới', error),
    );
  }
  const worker = new PublishWorker(ctx, {
    adapterFor: (target) => adapterFor(ctx, target),
    log: warn,
  });
  ctx.onEvent((event) => {
    if (event === 'publishing.changed') worker.kick();
  });
  if (options.publishWorker !== false) worker.start();
  // Saves only queue their article for the search index; this indexes them just after, and on start
  // whatever an earlier run left queued.
  const indexer = new SearchIndexer(db, { log: warn });
  ctx.onEvent((event) => {
    if (event === 'articles.changed') indexer.kick();
  });
  indexer.start();
  const backups = new BackupScheduler(ctx, warn);
  if (options.backups !== false) backups.start();
  let office = startOfficeConnection(ctx, warn);
  // An office created or joined from the app's own screens starts its connection at once.
  ctx.startOffice = () => {
    office ??= startOfficeConnection(ctx, warn);
  };
  return {
    dispatch: createDispatcher(ctx, handlers, (error) => logFile.error('Lỗi khi xử lý yêu cầu', error)),
    onEvent: ctx.onEvent,
    log: logFile,
    dbPath,
    close: () => {
      // An entry cut off mid-send is sent again at the next start; the adapter finds its post.
      void worker.stop();
      indexer.stop();
      backups.stop();
      // The connection stops sending at once; what it still writes (its last state) goes before the file closes.
      const closed = office ? office.close().finally(() => db.close()) : Promise.resolve(db.close());
      return closed.then(
        () => logFile.close(),
        (error: unknown) => logFile.close().then(() => Promise.reject(error)),
      );
    },
  };
}
