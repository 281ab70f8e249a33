import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { registerSearchFunctions } from '../search/functions';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import { registerWellFormedFunctions } from './migrations/007-well-formed-text';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path of an Electron-ABI build of better-sqlite3, when running inside Electron. */
  nativeBinding?: string;
  /** Stop at this schema version (migration tests). */
  targetVersion?: number;
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/**
 * Opens (or creates) the database file, checks it before changing anything, then migrates.
 * A corrupt file or one written by a newer Biên Tập is refused and left exactly as it was.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  // Search filters by folded category with these (src/core/search/search.ts).
  registerSearchFunctions(db);
  try {
    const version = readUserVersion(db, file);
    if (version > LATEST_VERSION) {
      throw new AppError(
        'INTERNAL',
        `Tệp dữ liệu ${file} được tạo bởi một phiên bản Biên Tập mới hơn (lược đồ ${version}, bản này hiểu tới ${LATEST_VERSION}). ` +
          'Tệp được giữ nguyên; hãy cập nhật Biên Tập lên bản mới nhất rồi mở lại.',
      );
    }
    db.pragma('journal_mode = WAL');
    // Anything acknowledged to a user as saved must survive a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, options.targetVersion ?? LATEST_VERSION);
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
    if (code && CORRUPT_CODES.has(code)) {
      throw new AppError(
        'INTERNAL',
        `Tệp dữ liệu ${file} bị hỏng hoặc không phải cơ sở dữ liệu của Biên Tập. Tệp được giữ nguyên, không bị ghi đè. ` +
          'Hãy khôi phục từ bản sao lưu, hoặc chuyển tệp này sang chỗ khác để ứng dụng tạo tệp mới.',
      );
    }
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
