import type { z } from 'zod';
import { isoNow, type CoreContext } from '../context';

/**
 * One office setting kept as JSON under `key` in the `settings` table: `defaults` until an
 * administrator saves it. A value written by a newer version may carry fields this one does not
 * know, so reading keeps the fields that parse and takes the defaults for the rest.
 */
export function settingStore<T extends object>(key: string, schema: z.ZodObject, defaults: T) {
  return {
    read(ctx: CoreContext): T {
      const row = ctx.db.prepare('SELECT value_json FROM settings WHERE key = ?').get(key) as
        { value_json: string } | undefined;
      if (!row) return { ...defaults };
      const parsed = schema.partial().safeParse(JSON.parse(row.value_json));
      return parsed.success ? { ...defaults, ...(parsed.data as Partial<T>) } : { ...defaults };
    },
    write(ctx: CoreContext, value: T, userId: string): T {
      ctx.db
        .prepare(
          `INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES (?, ?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at,
                                           updated_by = excluded.updated_by`,
        )
        .run(key, JSON.stringify(value), isoNow(ctx), userId);
      return value;
    },
  };
}
