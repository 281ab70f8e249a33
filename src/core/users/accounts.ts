/**
 * The account service: every change to an account goes through here, whether an administrator
 * makes it in the app (the API handlers) or at the office's command line (`bientap user …`), so
 * one set of rules holds on both paths: the input rules of the API contract (NFC text, password
 * length, username characters), never disabling or demoting the last active administrator,
 * never disabling oneself or changing one's own role, a signing key with every password, sessions
 * ended when an account is disabled or its password reset, and an audit entry for each change.
 */
import type { z } from 'zod';
import { contract } from '../../shared/api/contract';
import type { User } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit/log';
import { hashPassword } from '../auth/password';
import { can } from '../auth/permissions';
import { startSession } from '../auth/sessions';
import { forgetAccount } from '../auth/throttle';
import type { CoreContext } from '../context';
import { newKeyPair } from '../signoff/keys';
import {
  countUsers,
  findUserById,
  findUserByUsername,
  insertUser,
  storeUserKey,
  toPublicUser,
  updateUser,
  type UserRecord,
} from './repo';

/**
 * Who makes the change: a signed-in user through the API, or whoever runs the command line on
 * the data folder (no account; recorded with no actor and `via: 'cli'`).
 */
export type AccountActor = { via: 'api'; user: UserRecord } | { via: 'cli' };

export type NewAccount = z.input<(typeof contract)['users.create']['input']>;
export type AccountChanges = z.input<(typeof contract)['users.update']['input']>;

const FIELD_NAMES: Record<string, string> = {
  username: 'Tên đăng nhập',
  displayName: 'Họ tên',
  password: 'Mật khẩu',
  role: 'Vai trò',
  byline: 'Bút danh',
  unit: 'Đơn vị',
};

/** The contract's schema is the rule for both paths: the command line gets no looser input than the app. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const named = issues.map(
    (issue) => `${FIELD_NAMES[issue.path] ?? issue.path}: ${issue.message.replace(/\.\s*$/, '')}.`,
  );
  throw new AppError(
    'INVALID_INPUT',
    `Thông tin tài khoản chưa hợp lệ. ${named.join(' ')} Hãy sửa rồi thử lại.`,
    issues,
  );
}

function actorId(by: AccountActor): string | null {
  return by.via === 'api' ? by.user.id : null;
}

function audited(by: AccountActor, details: Record<string, unknown> = {}): Record<string, unknown> {
  return by.via === 'cli' ? { ...details, via: 'cli' } : details;
}

function isSelf(by: AccountActor, id: string): boolean {
  return by.via === 'api' && by.user.id === id;
}

/** Managing accounts is an administrator's; the command line is run by the office's administrator. */
function assertManager(by: AccountActor): void {
  if (by.via === 'api' && !can(by.user.role, 'user.manage')) throw new AppError('FORBIDDEN');
}

function target(ctx: CoreContext, id: string): UserRecord {
  const user = findUserById(ctx, id);
  if (!user) throw new AppError('NOT_FOUND', 'Không tìm thấy tài khoản này. Có thể danh sách đã cũ: hãy tải lại.');
  return user;
}

/** The account with this username, for the command line, which names accounts by username. */
export function accountByUsername(ctx: CoreContext, username: string): User {
  const user = findUserByUsername(ctx, username);
  if (!user) throw new AppError('NOT_FOUND', `Không có tài khoản “${username}”. Hãy kiểm tra lại tên đăng nhập.`);
  return toPublicUser(user);
}

function assertUsernameFree(ctx: CoreContext, username: string): void {
  if (findUserByUsername(ctx, username)) {
    throw new AppError('CONFLICT', `Tên đăng nhập “${username}” đã có người dùng. Hãy chọn tên khác.`, [
      { path: 'username', message: 'Tên đăng nhập đã tồn tại.' },
    ]);
  }
}

/**
 * The office must never lose its last way to manage accounts. Checked inside the write
 * transaction: the app and the command line may both be at work on the same file.
 */
function assertNotLastAdmin(ctx: CoreContext, user: UserRecord): void {
  if (user.role !== 'admin' || user.disabled) return;
  const { n } = ctx.db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as {
    n: number;
  };
  if (n <= 1) {
    throw new AppError(
      'CONFLICT',
      'Đây là quản trị viên duy nhất còn hoạt động. Hãy tạo hoặc mở một quản trị viên khác trước.',
    );
  }
}

/** The password hash and a new signing key sealed under the password, at the context's cost. */
async function credentials(ctx: CoreContext, password: string) {
  const [passwordHash, key] = await Promise.all([
    hashPassword(password, ctx.kdfCost),
    newKeyPair(password, ctx.kdfCost),
  ]);
  return { passwordHash, key };
}

function endSessions(ctx: CoreContext, userId: string): void {
  ctx.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
}

function liftLock(ctx: CoreContext, userId: string): void {
  forgetAccount(ctx, userId);
}

/** One account change in one transaction; once it is committed, the office directory hears of it. */
function changeAccounts<T>(ctx: CoreContext, change: () => T): T {
  const result = ctx.db.transaction(change).immediate();
  ctx.office.accountsChanged();
  return result;
}

/** The first administrator, made by the first-run form, signed in at once. */
export async function createFirstAdmin(
  ctx: CoreContext,
  input: z.input<(typeof contract)['setup.createAdmin']['input']>,
): Promise<{ session: string; user: User }> {
  const account = parse(contract['setup.createAdmin'].input, input);
  if (countUsers(ctx) > 0) throw new AppError('ALREADY_SET_UP');
  const { passwordHash, key } = await credentials(ctx, account.password);
  // Checked again inside the transaction: two first-run forms may race while hashing.
  return changeAccounts(ctx, () => {
    if (countUsers(ctx) > 0) throw new AppError('ALREADY_SET_UP');
    const user = insertUser(ctx, { ...account, role: 'admin', passwordHash });
    storeUserKey(ctx, user.id, key);
    appendAudit(ctx, { actorId: user.id, action: 'user.create', subjectId: user.id, details: { role: 'admin' } });
    const session = startSession(ctx, user.id);
    appendAudit(ctx, { actorId: user.id, action: 'auth.login', subjectId: user.id });
    return { session, user: toPublicUser(user) };
  });
}

export async function createAccount(ctx: CoreContext, by: AccountActor, input: NewAccount): Promise<User> {
  assertManager(by);
  const account = parse(contract['users.create'].input, input);
  assertUsernameFree(ctx, account.username);
  const { passwordHash, key } = await credentials(ctx, account.password);
  return changeAccounts(ctx, () => {
    assertUsernameFree(ctx, account.username);
    const user = insertUser(ctx, { ...account, passwordHash });
    storeUserKey(ctx, user.id, key);
    appendAudit(ctx, {
      actorId: actorId(by),
      action: 'user.create',
      subjectId: user.id,
      details: audited(by, { role: user.role }),
    });
    return toPublicUser(user);
  });
}

/** Anyone may correct their own name, byline and unit; everything else is an administrator's. */
export function updateAccount(ctx: CoreContext, by: AccountActor, input: AccountChanges): User {
  const { id, ...changes } = parse(contract['users.update'].input, input);
  const self = isSelf(by, id);
  if (!self || changes.role !== undefined) assertManager(by);
  return changeAccounts(ctx, () => {
    const user = target(ctx, id);
    if (changes.role !== undefined && changes.role !== user.role) {
      if (self) throw new AppError('CONFLICT', 'Không thể tự đổi vai trò của mình. Hãy nhờ một quản trị viên khác.');
      assertNotLastAdmin(ctx, user);
    }
    const updated = updateUser(ctx, id, changes);
    appendAudit(ctx, {
      actorId: actorId(by),
      action: 'user.update',
      subjectId: id,
      details: audited(by, Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined))),
    });
    return toPublicUser(updated);
  });
}

/** Disabling signs the person out everywhere; enabling also lifts a lock from wrong passwords. */
export function setAccountDisabled(ctx: CoreContext, by: AccountActor, id: string, disabled: boolean): User {
  assertManager(by);
  return changeAccounts(ctx, () => {
    const user = target(ctx, id);
    if (disabled) {
      if (isSelf(by, id)) throw new AppError('CONFLICT', 'Không thể tự khóa tài khoản đang dùng.');
      assertNotLastAdmin(ctx, user);
    }
    const updated = updateUser(ctx, id, { disabled });
    if (disabled) endSessions(ctx, id);
    else liftLock(ctx, id);
    appendAudit(ctx, {
      actorId: actorId(by),
      action: disabled ? 'user.disable' : 'user.enable',
      subjectId: id,
      details: audited(by),
    });
    return toPublicUser(updated);
  });
}

/**
 * A new password set by an administrator. Nobody else can open the old signing key without the
 * old password, so the person gets a new one; the old public key stays on record and approvals
 * signed with it still verify. Sessions end and any lock is lifted. With `reopen`, a disabled
 * account is enabled in the same step: the command line's reset is how an office lets someone
 * back in, and it says so in the audit entry.
 */
export async function resetAccountPassword(
  ctx: CoreContext,
  by: AccountActor,
  input: { id: string; password: string },
  options: { reopen?: boolean } = {},
): Promise<User> {
  assertManager(by);
  const { id, password } = parse(contract['users.resetPassword'].input, input);
  target(ctx, id);
  const { passwordHash, key } = await credentials(ctx, password);
  return changeAccounts(ctx, () => {
    const reopened = options.reopen === true && target(ctx, id).disabled;
    const updated = updateUser(ctx, id, reopened ? { passwordHash, disabled: false } : { passwordHash });
    storeUserKey(ctx, id, key);
    liftLock(ctx, id);
    endSessions(ctx, id);
    appendAudit(ctx, {
      actorId: actorId(by),
      action: 'user.resetPassword',
      subjectId: id,
      details: audited(by, { keyFingerprint: key.fingerprint, ...(reopened ? { reopened: true } : {}) }),
    });
    return toPublicUser(updated);
  });
}
