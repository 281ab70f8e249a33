import { DEFAULT_WORKFLOW_SETTINGS, workflowSettingsSchema, type WorkflowSettings } from '../../shared/workflow';
import { isoNow, type CoreContext } from '../context';

const KEY = 'workflow';

/** The office's workflow settings; the defaults until an administrator saves them. */
export function readWorkflowSettings(ctx: CoreContext): WorkflowSettings {
  const row = ctx.db.prepare('SELECT value_json FROM settings WHERE key = ?').get(KEY) as
    { value_json: string } | undefined;
  if (!row) return { ...DEFAULT_WORKFLOW_SETTINGS };
  // A value written by a newer version may carry fields this one does not know: keep what parses.
  const parsed = workflowSettingsSchema.partial().safeParse(JSON.parse(row.value_json));
  return parsed.success ? { ...DEFAULT_WORKFLOW_SETTINGS, ...parsed.data } : { ...DEFAULT_WORKFLOW_SETTINGS };
}

export function writeWorkflowSettings(ctx: CoreContext, settings: WorkflowSettings, userId: string): WorkflowSettings {
  const clean: WorkflowSettings = { selfApproval: settings.selfApproval };
  ctx.db
    .prepare(
      `INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at,
                                       updated_by = excluded.updated_by`,
    )
    .run(KEY, JSON.stringify(clean), isoNow(ctx), userId);
  return clean;
}
