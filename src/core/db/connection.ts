import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { checkDatabaseFile } from '../backup/backup';
import { bindingOption } from './binding';
import { registerSearchFunctions } from '../search/functions';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import { registerWellFormedFunctions } from './migrations/007-well-formed-text';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path of an Electron-ABI build of better-sqlite3, when running inside Electron. */
  nativeBinding?: string;
  /** Stop at this schema version (migration tests). */
  targetVersion?: number;
  /** Called before migrations change a database that already holds data: the host backs it up. */
  beforeMigrate?: (db: Db, from: number) => void;
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/**
 * Opens (or creates) the database file, checks it before changing anything, then migrates.
 * A corrupt file or one written by a newer Biên Tập is refused and left exactly as it was.
 */
/** Statements kept compiled per connection; SQL built with a varying shape beyond this is compiled each time. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * `db.prepare` keeps what it compiled: the same SQL text gets the same statement, so a save does not
 * compile its nine statements again each time. A statement comes back with its result modes reset
 * (`pluck`, `raw`, `expand` set by an earlier caller), and one still busy (an iteration in progress)
 * is never handed out twice: that caller gets a fresh one. So a caller that sets a mode uses its
 * statement at once, before anything else may prepare the same SQL.
 */
function cacheStatements(db: Database.Database): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      if (cached.reader) cached.raw(false).pluck(false).expand(false);
      return cached;
    }
    const statement = compile(source);
    if (!cached && cache.size < STATEMENT_CACHE_SIZE) cache.set(source, statement);
    return statement;
  }) as typeof db.prepare;
}

/**
 * A write that harms nothing if a power cut loses it (bookkeeping such as a session's last-seen
 * time), committed without waiting for the disk; the next acknowledged write takes it there. Inside
 * a transaction it simply joins it (the safety level cannot change there).
 */
export function writeWithoutWaiting<T>(db: Db, write: () => T): T {
  if (db.inTransaction) return write();
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
  }
}

/** Files up to this size are checked page by page (`quick_check`) each time they open. */
export const QUICK_CHECK_LIMIT = 512 * 1024 * 1024;

/** A data file that is damaged or not a database: the hosts then open the recovery screen (src/core/recovery). */
export class DamagedDataError extends AppError {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(
      'INTERNAL',
      `Tệp dữ liệu ${file} bị hỏng hoặc không phải cơ sở dữ liệu của Biên Tập (${detail}). Tệp được giữ nguyên, không bị ghi đè. ` +
        'Hãy khôi phục từ bản sao lưu (Cài đặt → Sao lưu, hoặc lệnh bientap restore), hoặc chuyển tệp này sang chỗ khác để ứng dụng tạo tệp mới.',
    );
  }
}

const damagedFile = (file: string, detail: string) => new DamagedDataError(file, detail);

/**
 * Reads an existing file before anything may write to it: a read-only connection, which never
 * merges or removes the WAL, so a file refused here (damaged, or written by a newer Biên Tập, even
 * in its WAL alone) is left exactly as it was, WAL included. Damage behind a valid header is found
 * by `quick_check`, before any request meets it.
 */
function checkBeforeOpening(file: string, options: OpenOptions): void {
  if (!existsSync(file)) return;
  // SQLite's quick_check reads every page: about a second for 80 MB read cold from disk here. Past
  // QUICK_CHECK_LIMIT it would hold the start for many seconds; the on-demand integrity check and
  // the check of every backup cover those files.
  const quick = statSync(file).size <= QUICK_CHECK_LIMIT;
  const check = checkDatabaseFile(file, { nativeBinding: options.nativeBinding, quick });
  if (check.ok) return;
  if (check.problem === 'newer') {
    throw new AppError(
      'INTERNAL',
      `Tệp dữ liệu ${file} được tạo bởi một phiên bản Biên Tập mới hơn (lược đồ ${check.version}, bản này hiểu tới ${LATEST_VERSION}). ` +
        'Tệp được giữ nguyên; hãy cập nhật Biên Tập lên bản mới nhất rồi mở lại.',
    );
  }
  throw damagedFile(file, check.detail);
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  checkBeforeOpening(file, options);
  const db = new Database(file, bindingOption(options.nativeBinding));
  // Search filters by folded category with these (src/core/search/search.ts).
  registerSearchFunctions(db);
  try {
    const version = readUserVersion(db, file);
    db.pragma('journal_mode = WAL');
    // Anything acknowledged to a user as saved must survive a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Savepoint and statement journals in memory: each batch a join writes keeps a savepoint per
    // article, and joining an office of 10,000 articles wrote ~400,000 pages of them to temporary
    // files (half of all its writes). They live only as long as one transaction.
    db.pragma('temp_store = MEMORY');
    const target = options.targetVersion ?? LATEST_VERSION;
    if (version >= 1 && version < target) options.beforeMigrate?.(db, version);
    migrate(db, target);
    cacheStatements(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function readUserVersion(db: Db, file: string): number {
  try {
    // Reading the header is the first touch of the file; a non-database fails here, before any write.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code && CORRUPT_CODES.has(code)) throw damagedFile(file, (error as Error).message);
    throw error;
  }
}

/** Applies each pending migration in its own transaction, bumping user_version inside it. */
export function migrate(db: Db, target = LATEST_VERSION, migrations = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  // Migrations call these on existing rows (search folding, text repair), whoever opened this handle.
  registerSearchFunctions(db);
  registerWellFormedFunctions(db);
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
