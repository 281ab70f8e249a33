import Database from 'better-sqlite3';
import { ServerStartError } from './errors';

export type ServerDb = Database.Database;

/**
 * The server's own schema, separate from a workstation's: numbered migrations, one transaction
 * each, `PRAGMA user_version`. Never edit a released one: add the next number.
 */
export const SERVER_MIGRATIONS: readonly { version: number; name: string; up: string }[] = [
  {
    version: 1,
    name: 'documents-and-keys',
    up: `
      -- Every update a document received, in arrival order; compaction merges them into one row.
      CREATE TABLE document_updates (
        id INTEGER PRIMARY KEY,
        document TEXT NOT NULL,
        data BLOB NOT NULL,
        received_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX document_updates_by_document ON document_updates (document, id);

      -- Who may connect, by the fingerprint of their Ed25519 key (until the office directory document supplies it).
      CREATE TABLE server_keys (
        fingerprint TEXT PRIMARY KEY CHECK (length(fingerprint) = 64),
        public_key TEXT NOT NULL,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('reporter', 'editor', 'head', 'admin')),
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        added_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'office-and-invitations',
    up: `
      -- The office key this server serves, pinned on first start with --office: the directory
      -- document is verified against it and a server never changes office.
      CREATE TABLE office (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64),
        pinned_at INTEGER NOT NULL
      ) STRICT;

      -- Invitations an administrator registered: the server keeps the secret's SHA-256 only, and
      -- accepts each invitation once, before it expires by this server's clock.
      CREATE TABLE invitations (
        id TEXT PRIMARY KEY,
        secret_sha256 TEXT NOT NULL CHECK (length(secret_sha256) = 64),
        expires_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        used_at INTEGER
      ) STRICT;
    `,
  },
];

export const SERVER_SCHEMA_VERSION = SERVER_MIGRATIONS.length;

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/**
 * Opens (or creates) office.sqlite, refuses one written by a newer server or not a database at all
 * (left exactly as it was), then migrates.
 */
export function openServerDatabase(file: string): ServerDb {
  const db = new Database(file);
  try {
    let version: number;
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
      version = db.pragma('user_version', { simple: true }) as number;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code && CORRUPT_CODES.has(code)) {
        throw new ServerStartError(
          `Tệp ${file} bị hỏng hoặc không phải cơ sở dữ liệu của máy chủ Biên Tập. Tệp được giữ nguyên; ` +
            'hãy khôi phục từ bản sao lưu hoặc chọn thư mục dữ liệu khác.',
        );
      }
      throw error;
    }
    if (version > SERVER_SCHEMA_VERSION) {
      throw new ServerStartError(
        `Tệp ${file} được tạo bởi một phiên bản máy chủ Biên Tập mới hơn (lược đồ ${version}, bản này hiểu tới ` +
          `${SERVER_SCHEMA_VERSION}). Tệp được giữ nguyên; hãy cập nhật Biên Tập trên máy chủ rồi chạy lại.`,
      );
    }
    db.pragma('journal_mode = WAL');
    // An update is acknowledged to a workstation only once it is here: it must survive a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    for (const migration of SERVER_MIGRATIONS) {
      if (migration.version <= version) continue;
      db.transaction(() => {
        db.exec(migration.up);
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
