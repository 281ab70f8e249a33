import { randomBytes } from 'node:crypto';
import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import { targetConfigSchema, type PublishTarget, type TargetConfig } from '../../shared/publishing';
import { isoNow, type CoreContext } from '../context';

interface TargetRow {
  id: string;
  kind: string;
  name: string;
  config_json: string;
  secret: Buffer | null;
  enabled: number;
}

/** A target as the worker needs it: with its credential, decrypted only here in the core. */
export interface TargetRecord extends PublishTarget {
  sealedSecret: Buffer | null;
}

function toRecord(row: TargetRow): TargetRecord {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled === 1,
    config: targetConfigSchema.parse(JSON.parse(row.config_json)),
    hasSecret: row.secret !== null,
    sealedSecret: row.secret,
  };
}

export function toPublic(record: TargetRecord): PublishTarget {
  const { sealedSecret: _sealed, ...visible } = record;
  return visible;
}

export function listTargets(ctx: CoreContext, onlyEnabled = false): TargetRecord[] {
  const rows = ctx.db
    .prepare(`SELECT * FROM publish_targets ${onlyEnabled ? 'WHERE enabled = 1' : ''} ORDER BY created_at, id`)
    .all() as TargetRow[];
  return rows.map(toRecord);
}

export function findTarget(ctx: CoreContext, id: string): TargetRecord | null {
  const row = ctx.db.prepare('SELECT * FROM publish_targets WHERE id = ?').get(id) as TargetRow | undefined;
  return row ? toRecord(row) : null;
}

export interface TargetInput {
  id?: string;
  name: string;
  enabled: boolean;
  config: TargetConfig;
  secret?: string;
}

/** Creates or updates a target; a WordPress site needs a credential, stored encrypted or not at all. */
export function saveTarget(ctx: CoreContext, input: TargetInput): TargetRecord {
  const existing = input.id ? findTarget(ctx, input.id) : null;
  if (input.id && !existing) throw new AppError('NOT_FOUND');
  if (existing && existing.config.kind !== input.config.kind) {
    throw new AppError('INVALID_INPUT', 'Không đổi được loại của một trang đã tạo. Hãy tạo trang mới.');
  }
  if (
    input.config.kind === 'static' &&
    (existing?.config.kind !== 'static' || existing.config.folder !== input.config.folder)
  ) {
    assertUsableSiteFolder(ctx, input.config.folder);
  }
  let sealed = existing?.sealedSecret ?? null;
  if (input.secret !== undefined) {
    const reason = ctx.secrets.unavailableReason();
    if (reason) throw new AppError('UNAVAILABLE', reason);
    sealed = ctx.secrets.encrypt(input.secret);
  }
  if (input.config.kind === 'wordpress' && !sealed) {
    throw new AppError(
      'INVALID_INPUT',
      'Trang WordPress cần mật khẩu ứng dụng. Hãy nhập mật khẩu ứng dụng của tài khoản.',
      [{ path: 'secret', message: 'Chưa có mật khẩu ứng dụng.' }],
    );
  }
  const at = isoNow(ctx);
  const id = existing?.id ?? ctx.newId();
  ctx.db
    .prepare(
      `INSERT INTO publish_targets (id, kind, name, config_json, secret, enabled, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, config_json = excluded.config_json,
         secret = excluded.secret, enabled = excluded.enabled, updated_at = excluded.updated_at`,
    )
    .run(id, input.config.kind, input.name, JSON.stringify(input.config), sealed, input.enabled ? 1 : 0, at, at);
  return findTarget(ctx, id)!;
}

function folderError(message: string): AppError {
  return new AppError('INVALID_INPUT', message, [{ path: 'config.folder', message }]);
}

/** The real path of `folder`, or of its nearest existing parent with the rest appended. */
function realFolder(folder: string): string {
  let head = resolve(folder);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(head), ...rest);
    } catch {
      const parent = dirname(head);
      if (parent === head) return resolve(folder);
      rest.unshift(head.slice(parent.length).replace(/^[\\/]/, ''));
      head = parent;
    }
  }
}

const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

function isWithin(inner: string, outer: string): boolean {
  const path = relative(outer, inner);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/**
 * A static site's folder must be one the app can create and write, and must keep clear of the
 * data folder: not the data folder itself, not a folder holding it (the site's files would sit
 * beside the database), and inside it only the site folder made at first start.
 */
export function assertUsableSiteFolder(ctx: CoreContext, folder: string): void {
  if (!isAbsolute(folder)) {
    throw folderError('Thư mục trang tĩnh phải là đường dẫn đầy đủ trên máy này. Hãy nhập lại đường dẫn.');
  }
  const target = realFolder(folder);
  // The kernel's own file systems are no place for a site, and creating a folder under /proc can block.
  if (process.platform !== 'win32' && SYSTEM_FOLDERS.some((system) => isWithin(target, system))) {
    throw folderError(
      `Thư mục ${target} là thư mục của hệ điều hành, không chứa được trang web. Hãy chọn một thư mục riêng cho trang.`,
    );
  }
  if (ctx.db.name && ctx.db.name !== ':memory:') {
    const data = realFolder(dirname(resolve(ctx.db.name)));
    if (isWithin(data, target)) {
      throw folderError(
        'Thư mục trang tĩnh không được là thư mục dữ liệu của Biên Tập hay thư mục chứa nó. Hãy chọn một thư mục riêng cho trang.',
      );
    }
    if (isWithin(target, data) && !isWithin(target, join(data, 'site'))) {
      throw folderError(
        `Trong thư mục dữ liệu, trang tĩnh chỉ được ghi vào thư mục “site”. Hãy chọn ${join(data, 'site')} hoặc một thư mục ngoài thư mục dữ liệu.`,
      );
    }
  }
  const probe = join(target, `.bientap-write-test-${randomBytes(6).toString('hex')}`);
  try {
    mkdirSync(target, { recursive: true });
    writeFileSync(probe, '');
  } catch {
    throw folderError(
      `Biên Tập không tạo hoặc không ghi được vào thư mục ${target}. Hãy chọn thư mục khác hoặc cấp quyền ghi cho thư mục đó.`,
    );
  }
  rmSync(probe, { force: true });
}

/** A target that has carried articles is disabled, not deleted: its history stays readable. */
export function removeTarget(ctx: CoreContext, id: string): void {
  const used = ctx.db.prepare('SELECT 1 FROM outbox WHERE target_id = ? LIMIT 1').get(id);
  if (used) {
    ctx.db.prepare('UPDATE publish_targets SET enabled = 0, updated_at = ? WHERE id = ?').run(isoNow(ctx), id);
    return;
  }
  ctx.db.prepare('DELETE FROM publish_targets WHERE id = ?').run(id);
}

const DEFAULT_CREATED = 'publishing.defaultTargetCreated';

/**
 * The static folder works with no setup: the first start creates it once. An administrator who
 * removes it later is not overruled.
 */
export function ensureDefaultTarget(ctx: CoreContext, folder: string): void {
  ctx.db
    .transaction(() => {
      if (ctx.db.prepare('SELECT 1 FROM settings WHERE key = ?').get(DEFAULT_CREATED)) return;
      if (listTargets(ctx).length === 0) {
        saveTarget(ctx, {
          name: 'Trang tĩnh trên máy này',
          enabled: true,
          config: { kind: 'static', folder, baseUrl: '', siteTitle: '' },
        });
      }
      ctx.db
        .prepare('INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)')
        .run(DEFAULT_CREATED, 'true', isoNow(ctx));
    })
    .immediate();
}

/**
 * Site credentials this host's box cannot open were sealed another way: by the desktop app before its
 * core moved into a process of its own (sealed there by the system keychain directly). `unseal` opens
 * each such credential the old way and it is sealed again with the current box, so no administrator has
 * to type a site's password again. One that cannot be opened stays as it was (its next publish asks for
 * the password). Returns how many were sealed again.
 */
export async function resealSecrets(ctx: CoreContext, unseal: (sealed: Buffer) => Promise<string>): Promise<number> {
  if (ctx.secrets.unavailableReason()) return 0;
  let resealed = 0;
  for (const target of listTargets(ctx)) {
    const sealed = target.sealedSecret;
    if (!sealed || opens(ctx, sealed)) continue;
    let plain: string;
    try {
      plain = await unseal(sealed);
    } catch {
      continue;
    }
    // Only if nobody saved a new password for the site meanwhile.
    const changed = ctx.db
      .prepare('UPDATE publish_targets SET secret = ? WHERE id = ? AND secret = ?')
      .run(ctx.secrets.encrypt(plain), target.id, sealed).changes;
    resealed += changed;
  }
  return resealed;
}

function opens(ctx: CoreContext, sealed: Buffer): boolean {
  try {
    ctx.secrets.decrypt(sealed);
    return true;
  } catch {
    return false;
  }
}
