import { join } from 'node:path';
import type { ApiResult } from '../../shared/api/envelope';
import { requestEnvelopeSchema } from '../../shared/api/envelope';
import { contract } from '../../shared/api/contract';
import { isMethodName } from '../../shared/api/methods';
import { AppError, isAppError } from '../../shared/errors';
import type { RecoveryStatus } from '../../shared/recovery';
import { listBackups, type BackupFile } from '../backup/backup';
import { pendingRestore, RestoreError, scheduleRestore } from '../backup/restore';
import { storedBackupSettings } from '../backup/settings';
import { openReadOnly } from '../db/binding';
import type { Core } from '../index';
import { fileStamp, logForSupport, type CoreLog } from '../log/log';
import { articlesAsText, readableArticles } from './read';

const RECOVERY_METHODS = new Set(['recovery.status', 'recovery.restore', 'recovery.export', 'logs.export']);

export interface RecoveryOptions {
  dataDir: string;
  /** The damaged file and what SQLite said about it. */
  file: string;
  detail: string;
  log: CoreLog;
  now?: () => Date;
}

/** The backup folder the damaged file's own settings name, when they still read; else `sao-luu` beside it. */
function backupFolderOf(dataDir: string, file: string): string {
  try {
    const db = openReadOnly(file);
    try {
      const folder = storedBackupSettings(db).folder;
      if (folder) return folder;
    } finally {
      db.close();
    }
  } catch {
    // The settings are in the damaged part.
  }
  return join(dataDir, 'sao-luu');
}

/**
 * The core the hosts open in place of the real one when the data file is damaged: it answers only the
 * recovery screen's questions, reads the file read-only and never writes to it. Nobody can sign in (the
 * accounts may be in the damaged part); what it offers is what the computer's own user could already do
 * with the file: read it, and choose a backup for the next start.
 */
export function openRecovery(options: RecoveryOptions): Core {
  const now = options.now ?? (() => new Date());
  const folder = backupFolderOf(options.dataDir, options.file);
  let counted: number | null | undefined;

  function backups(): BackupFile[] {
    try {
      return listBackups(folder);
    } catch {
      return [];
    }
  }

  function status(): RecoveryStatus {
    counted ??= readableArticles(options.file)?.length ?? null;
    return {
      damaged: true,
      file: options.file,
      detail: options.detail,
      folder,
      backups: backups(),
      readableArticles: counted,
      pendingRestore: pendingRestore(options.dataDir),
    };
  }

  async function run(method: string, input: unknown): Promise<unknown> {
    switch (method) {
      case 'recovery.status':
        return status();
      case 'recovery.restore': {
        const { file } = input as { file: string };
        if (!backups().some((backup) => backup.file === file))
          throw new AppError('NOT_FOUND', `Không có bản sao lưu ${file} trong ${folder}.`);
        try {
          scheduleRestore(options.dataDir, join(folder, file));
        } catch (error) {
          if (error instanceof RestoreError) throw new AppError('INVALID_INPUT', error.message);
          throw error;
        }
        options.log.warn(`Màn hình khôi phục: sẽ khôi phục ${file} khi mở lại.`);
        return status();
      }
      case 'recovery.export': {
        const articles = readableArticles(options.file) ?? [];
        const at = now();
        return {
          fileName: `bientap-bai-doc-duoc-${fileStamp(at)}.txt`,
          text: articlesAsText(articles, options.file, at),
          count: articles.length,
        };
      }
      default:
        await options.log.flush();
        return logForSupport(options.dataDir, now());
    }
  }

  const dispatch = async (envelope: unknown): Promise<ApiResult> => {
    try {
      const parsed = requestEnvelopeSchema.safeParse(envelope);
      if (!parsed.success) throw new AppError('BAD_REQUEST');
      const { method, input } = parsed.data;
      if (!isMethodName(method)) throw new AppError('UNKNOWN_METHOD');
      if (!RECOVERY_METHODS.has(method)) {
        throw new AppError(
          'UNAVAILABLE',
          'Tệp dữ liệu bị hỏng nên Biên Tập chỉ mở màn hình khôi phục. Hãy khôi phục từ một bản sao lưu rồi mở lại ứng dụng.',
        );
      }
      const spec = contract[method];
      const checked = spec.input.safeParse(input ?? {});
      if (!checked.success) throw new AppError('INVALID_INPUT', checked.error.issues[0]?.message);
      return { ok: true, value: spec.output.parse(await run(method, checked.data)) };
    } catch (error) {
      if (isAppError(error)) return { ok: false, error: error.toBody() };
      options.log.error('Lỗi ở màn hình khôi phục', error);
      return { ok: false, error: new AppError('INTERNAL').toBody() };
    }
  };

  return {
    dispatch,
    onEvent: () => () => {},
    log: options.log,
    dbPath: options.file,
    close: () => options.log.close(),
  };
}
