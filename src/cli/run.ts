/**
 * `bientap`: the office administrator's command line.
 *   bientap verify --data DIR [--anchor SEQ:HASH]
 *   bientap user add --data DIR --username U --name "Họ Tên" --role reporter|editor|head|admin [--byline B] [--unit U]
 *   bientap user disable --data DIR --username U
 *   bientap user reset --data DIR --username U
 *   bientap proofread FILE [--json] [--style old|new] [--fix]
 *   bientap verify-page FILE|URL [--keys FILE|URL] [--office FINGERPRINT] [--data DIR] [--json]
 *   bientap office-key --data DIR [--create] [--json]
 *   bientap office create --data DIR --server wss://HOST:PORT --cert sha256:HEX [--json]
 *   bientap office invite --data DIR --username ADMIN [--hours N] [--json]
 *   bientap office join --data DIR --invite LINE [--json]
 *   bientap office status --data DIR [--json]
 *   bientap backup --data DIR [--to FOLDER] [--json]
 *   bientap backup list --data DIR [--to FOLDER] [--json]
 *   bientap restore --data DIR FILE
 * Passwords are read from standard input (or asked for at a terminal), never from arguments,
 * where they would land in shell history and the process list.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openReadOnly, useNativeBinding } from '../core/db/binding';
import { ROLES, type Role } from '../shared/domain';
import { isAppError } from '../shared/errors';
import { verifyDatabase } from '../core/admin/verify';
import type { AuditAnchor } from '../core/audit/log';
import { createContext } from '../core/context';
import { openDatabase } from '../core/db/connection';
import { LATEST_VERSION } from '../core/db/migrations';
import { accountByUsername, createAccount, resetAccountPassword, setAccountDisabled } from '../core/users/accounts';
import { DATABASE_FILE } from '../core/dataFile';
import { backupCommand, BackupUsageError, restoreCommand } from './backup';
import { readPassword } from './password';
import { proofreadFile, ProofreadUsageError } from './proofread';
import { verifyPageCommand, VerifyPageUsageError } from './verifyPage';
import { ensureOfficeKey, findOfficeKey } from '../core/seal/officeKey';
import {
  officeCreateCommand,
  officeInviteCommand,
  officeJoinCommand,
  officeStatusCommand,
  OfficeUsageError,
} from '../core/office/cli';
import { groupedFingerprint } from '../shared/seal/verify';

const USAGE = `Cách dùng:
  bientap verify --data THƯ_MỤC [--anchor SỐ:MÃ]   kiểm tra toàn bộ dữ liệu; --anchor: dòng nhật ký đã ghi lại ở nơi khác ("head" của lần kiểm tra trước)
  bientap user add --data THƯ_MỤC --username TÊN --name "Họ Tên" --role reporter|editor|head|admin [--byline ..] [--unit ..]
  bientap user disable --data THƯ_MỤC --username TÊN
  bientap user reset --data THƯ_MỤC --username TÊN
  bientap proofread TỆP [--json] [--style old|new]   soát lỗi chính tả, dấu câu, kiểu bỏ dấu (mã thoát 1 khi có lỗi)
  bientap proofread TỆP --fix [--style old|new]     in ra văn bản đã sửa mọi lỗi có cách sửa
  bientap verify-page TỆP|ĐỊA_CHỈ [--keys TỆP|ĐỊA_CHỈ] [--office MÃ_KHÓA] [--data THƯ_MỤC] [--json]
      kiểm tra một trang đã đăng có đúng như bài đã ký duyệt (mã thoát 0 đúng, 1 bị sửa hoặc dấu không hợp lệ,
      2 chưa kiểm tra được đầy đủ); --office: mã khóa văn phòng tin cậy, --keys: tệp bientap-keys.json,
      --data: lấy danh sách khóa từ dữ liệu của văn phòng
  bientap office-key --data THƯ_MỤC [--create] [--json]   mã khóa của văn phòng, để công bố cho độc giả đối chiếu (--create: tạo khóa nếu chưa có, trước khi chạy máy chủ văn phòng)
  bientap office create --data THƯ_MỤC --server wss://MÁY:CỔNG --cert sha256:MÃ   đưa danh bạ lên máy chủ văn phòng
  bientap office invite --data THƯ_MỤC --username QUẢN_TRỊ [--hours SỐ_GIỜ]   tạo một dòng lời mời dùng một lần
  bientap office join --data THƯ_MỤC --invite DÒNG_LỜI_MỜI   tham gia phòng làm việc chung trên máy này
  bientap office status --data THƯ_MỤC [--json]   máy chủ, lần đồng bộ gần nhất, số thay đổi chưa gửi
  bientap backup --data THƯ_MỤC [--to THƯ_MỤC_SAO_LƯU] [--json]   sao lưu ngay (kể cả khi ứng dụng đang mở)
  bientap backup list --data THƯ_MỤC [--to THƯ_MỤC_SAO_LƯU] [--json]   các bản sao lưu hiện có
  bientap restore --data THƯ_MỤC TỆP_SAO_LƯU   khôi phục bản sao lưu khi Biên Tập khởi động lần tới (tệp hiện tại được giữ lại)
Mật khẩu được đọc từ đầu vào chuẩn (stdin) hoặc hỏi tại cửa sổ lệnh, không bao giờ từ tham số.`;

class UsageError extends Error {}

function databaseFile(data: string | undefined): string {
  if (!data) throw new UsageError('Thiếu --data: thư mục dữ liệu của Biên Tập.');
  const file = join(data, DATABASE_FILE);
  if (!existsSync(file)) throw new UsageError(`Không có tệp dữ liệu ${file}.`);
  return file;
}

/** `SEQ:HASH`, as a previous run printed it under audit.head. */
function parseAnchor(text: string | undefined): AuditAnchor | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+):([0-9a-fA-F]{64})$/.exec(text.trim());
  if (!match)
    throw new UsageError('--anchor phải có dạng SỐ:MÃ, ví dụ 42:3fa9… (64 ký tự hex), lấy từ mục audit.head.');
  return { seq: Number(match[1]), hash: match[2]!.toLowerCase() };
}

/** Reads without writing: a verifier must not change what it checks. */
async function verify(data: string | undefined, anchorText?: string): Promise<number> {
  const anchor = parseAnchor(anchorText);
  const db = openReadOnly(databaseFile(data));
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== LATEST_VERSION) {
      console.log(
        JSON.stringify({ ok: false, firstProblem: `schema version ${version}, this verifier reads ${LATEST_VERSION}` }),
      );
      return 1;
    }
    const report = await verifyDatabase(db, { anchor });
    console.log(JSON.stringify(report, null, 2));
    if (!report.ok) console.error(`Phát hiện sai lệch: ${report.firstProblem}`);
    return report.ok ? 0 : 1;
  } finally {
    db.close();
  }
}

/**
 * The office key's fingerprint, which the office publishes where readers trust it (official
 * documents, its contact page) so they can compare it with the one the verification page shows.
 */
function officeKey(data: string | undefined, json: boolean | undefined, create: boolean | undefined): number {
  // With --create the key is made when the office has none yet (before starting its server, which
  // pins it); otherwise the database is only read.
  const db = create ? openDatabase(databaseFile(data)) : openReadOnly(databaseFile(data));
  try {
    const key = create ? ensureOfficeKey(createContext(db)) : findOfficeKey({ db });
    if (json) {
      console.log(JSON.stringify(key ? { name: key.name, fingerprint: key.fingerprint } : null));
    } else if (key) {
      console.log(`Khóa văn phòng: ${key.name}`);
      console.log(`Mã khóa (SHA-256): ${groupedFingerprint(key.fingerprint)}`);
      console.log(
        'Hãy công bố mã này ở nơi độc giả tin cậy (văn bản chính thức, trang liên hệ) để họ so với mã trang kiểm tra hiển thị.',
      );
    } else {
      console.log('Văn phòng chưa có khóa: khóa được tạo khi đăng bài đầu tiên, hoặc ngay bây giờ với --create.');
    }
    return key ? 0 : 1;
  } finally {
    db.close();
  }
}

/** The office server commands (src/core/office/cli.ts); an invitation is made with an administrator's password. */
async function office(
  sub: string | undefined,
  values: {
    data?: string;
    server?: string;
    cert?: string;
    invite?: string;
    hours?: string;
    username?: string;
    json?: boolean;
  },
): Promise<number> {
  if (sub === 'create') return officeCreateCommand(values);
  if (sub === 'join') return officeJoinCommand(values);
  if (sub === 'status') return officeStatusCommand(values);
  if (sub === 'invite') {
    if (!values.username) throw new UsageError('Thiếu --username: tài khoản quản trị viên tạo lời mời.');
    const password = await readPassword(`Mật khẩu của ${values.username}: `);
    return officeInviteCommand({ ...values, password });
  }
  throw new UsageError(`Không có lệnh “office ${sub ?? ''}”.`);
}

/** Account changes through the same service as the app's, so the same rules hold (see core/users/accounts.ts). */
async function user(sub: string | undefined, values: Record<string, string | undefined>): Promise<number> {
  const db = openDatabase(databaseFile(values.data));
  const ctx = createContext(db);
  const by = { via: 'cli' } as const;
  try {
    const username = values.username;
    if (!username) throw new UsageError('Thiếu --username.');
    let result;
    if (sub === 'add') {
      const role = values.role as Role | undefined;
      if (!role || !ROLES.includes(role)) throw new UsageError(`--role phải là một trong: ${ROLES.join(', ')}.`);
      if (!values.name) throw new UsageError('Thiếu --name: họ tên hiển thị.');
      const password = await readPassword('Mật khẩu cho tài khoản mới: ');
      result = await createAccount(ctx, by, {
        username,
        displayName: values.name,
        role,
        password,
        byline: values.byline,
        unit: values.unit,
      });
    } else if (sub === 'disable') {
      result = setAccountDisabled(ctx, by, accountByUsername(ctx, username).id, true);
    } else if (sub === 'reset') {
      const { id } = accountByUsername(ctx, username);
      const password = await readPassword(`Mật khẩu mới cho ${username}: `);
      // The command line is how an office lets a disabled or locked-out person back in.
      result = await resetAccountPassword(ctx, by, { id, password }, { reopen: true });
    } else {
      throw new UsageError(`Không có lệnh “user ${sub ?? ''}”.`);
    }
    console.log(JSON.stringify({ ok: true, user: result }, null, 2));
    return 0;
  } finally {
    db.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      anchor: { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      byline: { type: 'string' },
      unit: { type: 'string' },
      json: { type: 'boolean' },
      create: { type: 'boolean' },
      style: { type: 'string' },
      fix: { type: 'boolean' },
      keys: { type: 'string' },
      office: { type: 'string' },
      server: { type: 'string' },
      cert: { type: 'string' },
      invite: { type: 'string' },
      hours: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'verify') return verify(values.data, values.anchor);
  if (command === 'user') return user(sub, values as Record<string, string | undefined>);
  if (command === 'proofread') return proofreadFile(sub, { json: values.json, style: values.style, fix: values.fix });
  if (command === 'verify-page') {
    return verifyPageCommand(sub, { keys: values.keys, office: values.office, data: values.data, json: values.json });
  }
  if (command === 'office-key') return officeKey(values.data, values.json, values.create);
  if (command === 'office') return office(sub, values);
  if (command === 'backup') return backupCommand(sub, values);
  if (command === 'restore') return restoreCommand(sub, values);
  throw new UsageError(`Không có lệnh “${command}”.`);
}

/** Runs one command and returns its exit code; what went wrong is printed, in Vietnamese, with the usage when it was the call. */
export async function runCli(argv: string[], options: { nativeBinding?: string } = {}): Promise<number> {
  // Inside the desktop app the SQLite build is Electron's, named by the app.
  if (options.nativeBinding) useNativeBinding(options.nativeBinding);
  try {
    return await main(argv);
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ProofreadUsageError ||
      error instanceof VerifyPageUsageError ||
      error instanceof OfficeUsageError ||
      error instanceof BackupUsageError
    )
      console.error(`${error.message}\n\n${USAGE}`);
    else if (isAppError(error)) console.error(error.message);
    else console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
}
