import { DEFAULT_HOUSE_STYLE, houseStyleSchema, type HouseStyle } from '../../shared/proofreadApi';
import { isoNow, type CoreContext } from '../context';

const KEY = 'proofread.house';

/** The office's house style; the defaults until an administrator saves one. */
export function readHouseStyle(ctx: CoreContext): HouseStyle {
  const row = ctx.db.prepare('SELECT value_json FROM settings WHERE key = ?').get(KEY) as
    { value_json: string } | undefined;
  if (!row) return { ...DEFAULT_HOUSE_STYLE };
  // A value written by a newer version may carry fields this one does not know: keep what parses.
  const parsed = houseStyleSchema.partial().safeParse(JSON.parse(row.value_json));
  return parsed.success ? { ...DEFAULT_HOUSE_STYLE, ...parsed.data } : { ...DEFAULT_HOUSE_STYLE };
}

export function writeHouseStyle(ctx: CoreContext, style: HouseStyle, userId: string): HouseStyle {
  const clean: HouseStyle = {
    toneStyle: style.toneStyle,
    blockingChecks: [...new Set(style.blockingChecks)],
    disabledRules: [...new Set(style.disabledRules)],
  };
  ctx.db
    .prepare(
      `INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at,
                                       updated_by = excluded.updated_by`,
    )
    .run(KEY, JSON.stringify(clean), isoNow(ctx), userId);
  return clean;
}
