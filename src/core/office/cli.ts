/**
 * The office commands of `bientap`, over the core (the command line parses arguments and reads the
 * password from standard input, then calls these):
 *   bientap office create --data DIR --server wss://HOST:PORT --cert sha256:HEX
 *   bientap office invite --data DIR --username ADMIN [--hours N] [--json]      (password on stdin)
 *   bientap office join --data DIR --invite LINE [--json]
 *   bientap office status --data DIR [--json]
 * Each returns the exit code: 0 done, 1 refused (the message says why), and throws
 * OfficeUsageError for arguments the usage text should answer.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatPortalDate } from '../../shared/date';
import { createContext, type CoreContext } from '../context';
import { DATABASE_FILE } from '../dataFile';
import { openDatabase } from '../db/connection';
import { OfficeError } from './client';
import { createInvitation, createOffice, joinOffice } from './invitations';
import { officeStatus, type OfficeStatus } from './status';

export class OfficeUsageError extends Error {}

async function withDatabase<T>(
  data: string | undefined,
  create: boolean,
  run: (ctx: CoreContext) => Promise<T>,
): Promise<T> {
  if (!data) throw new OfficeUsageError('Thiếu --data: thư mục dữ liệu của Biên Tập.');
  const file = join(data, DATABASE_FILE);
  if (!existsSync(file)) {
    if (!create) throw new OfficeUsageError(`Không có dữ liệu Biên Tập ở ${data}.`);
    mkdirSync(data, { recursive: true });
  }
  const db = openDatabase(file);
  try {
    return await run(createContext(db));
  } finally {
    db.close();
  }
}

/** Prints an office refusal and returns 1; anything else goes up. */
async function refusals(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof OfficeError || (error as Error).name === 'InvitationError') {
      console.error((error as Error).message);
      return 1;
    }
    throw error;
  }
}

export function officeCreateCommand(options: { data?: string; server?: string; cert?: string; json?: boolean }) {
  if (!options.server)
    throw new OfficeUsageError('Thiếu --server: địa chỉ wss://… máy chủ in ra (BIENTAP_SERVER_URL).');
  if (!options.cert) throw new OfficeUsageError('Thiếu --cert: mã sha256:… máy chủ in ra (BIENTAP_SERVER_CERT).');
  const { server, cert } = options;
  return withDatabase(options.data, false, (ctx) =>
    refusals(async () => {
      const { connection, accepted } = await createOffice(ctx, { url: server, cert });
      if (options.json) console.log(JSON.stringify({ ok: true, office: connection.office, accepted }));
      else {
        console.log(`Đã tạo phòng làm việc chung trên ${connection.url}.`);
        console.log(`Khóa văn phòng: ${connection.office} (máy chủ phải được chạy với --office ${connection.office}).`);
        console.log(`Đã gửi ${accepted} mục danh bạ mới lên máy chủ.`);
      }
      return 0;
    }),
  );
}

export function officeInviteCommand(options: {
  data?: string;
  username?: string;
  password: string;
  hours?: string;
  json?: boolean;
}) {
  if (!options.username) throw new OfficeUsageError('Thiếu --username: tài khoản quản trị viên tạo lời mời.');
  const hours = options.hours === undefined ? undefined : Number(options.hours);
  if (hours !== undefined && !(hours > 0)) throw new OfficeUsageError('--hours phải là một số giờ lớn hơn 0.');
  const username = options.username;
  return withDatabase(options.data, false, (ctx) =>
    refusals(async () => {
      const invitation = await createInvitation(ctx, { username, password: options.password, hours });
      if (options.json) console.log(JSON.stringify(invitation));
      else {
        // The line alone on standard output, so it can be piped or copied whole.
        console.log(invitation.line);
        console.error(`Lời mời dùng được một lần, tới ${invitation.expiresAt} (giờ của máy chủ).`);
      }
      return 0;
    }),
  );
}

export function officeJoinCommand(options: { data?: string; invite?: string; json?: boolean }) {
  if (!options.invite) throw new OfficeUsageError('Thiếu --invite: dòng lời mời (bắt đầu bằng bientap-moi:).');
  const line = options.invite;
  return withDatabase(options.data, true, (ctx) =>
    refusals(async () => {
      const { connection, applied } = await joinOffice(ctx, line);
      const rejected = applied.rejected.map((item) => item.reason);
      if (options.json) {
        console.log(
          JSON.stringify({
            ok: true,
            server: connection.url,
            office: connection.office,
            created: applied.created.length,
            updated: applied.updated.length,
            conflicts: applied.conflicts,
            rejected,
          }),
        );
      } else {
        console.log(`Đã tham gia phòng làm việc chung trên ${connection.url}.`);
        console.log(`Tài khoản: ${applied.created.length} mới, ${applied.updated.length} cập nhật.`);
        for (const conflict of applied.conflicts) console.log(`Không nhận ${conflict.username}: ${conflict.reason}`);
        for (const reason of rejected) console.log(`Bỏ qua một mục danh bạ không hợp lệ: ${reason}`);
      }
      return 0;
    }),
  );
}

/** The status line a person reads: the same words as the one place in the UI. */
export function describeOfficeStatus(status: OfficeStatus): string {
  switch (status.state) {
    case 'none':
      return 'Máy này chưa tạo hay tham gia phòng làm việc chung nào.';
    case 'synced':
      return status.lastSyncAt ? `Đã đồng bộ lúc ${formatPortalDate(status.lastSyncAt)}` : 'Đã đồng bộ';
    case 'syncing':
      return 'Đang đồng bộ';
    case 'offline':
      return `Ngoại tuyến — ${status.pendingChanges} thay đổi chưa gửi`;
  }
}

/**
 * `bientap office status`: where this workstation's sync stands, read from its database, so it
 * answers whether or not the application is running (a state nobody has confirmed lately reads as
 * offline). Exit code 0.
 */
export function officeStatusCommand(options: { data?: string; json?: boolean }) {
  return withDatabase(options.data, false, async (ctx) => {
    const status = officeStatus(ctx);
    if (options.json) {
      console.log(JSON.stringify(status));
      return 0;
    }
    console.log(describeOfficeStatus(status));
    if (status.server) console.log(`Máy chủ: ${status.server}`);
    if (status.state !== 'none' && status.lastSyncAt && status.state !== 'synced') {
      console.log(`Lần đồng bộ gần nhất: ${formatPortalDate(status.lastSyncAt)}`);
    }
    if (status.problem) console.log(status.problem);
    return 0;
  });
}
