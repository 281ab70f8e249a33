import { z } from 'zod';
import { backupFileSchema, backupNameSchema } from './backup';

/**
 * Whether the workstation opened its data or found the file damaged. A damaged file is never
 * written to: the app then shows only the recovery screen, which reads what it can, restores a backup
 * at the next start, or saves the readable articles as a file.
 */
export const recoveryStatusSchema = z.discriminatedUnion('damaged', [
  z.object({ damaged: z.literal(false) }),
  z.object({
    damaged: z.literal(true),
    /** The data file and what SQLite said about it. */
    file: z.string(),
    detail: z.string(),
    /** The folder the backups were found in, and those backups, newest first. */
    folder: z.string(),
    backups: z.array(backupFileSchema),
    /** How many articles could still be read from the damaged file; null when none of it reads. */
    readableArticles: z.number().int().nonnegative().nullable(),
    /** A backup the next start will put in place. */
    pendingRestore: z.string().nullable(),
  }),
]);
export type RecoveryStatus = z.infer<typeof recoveryStatusSchema>;

export const recoveryRestoreSchema = z.object({ file: backupNameSchema }).strict();

export const recoveryExportSchema = z.object({
  fileName: z.string(),
  text: z.string(),
  count: z.number().int().nonnegative(),
});
