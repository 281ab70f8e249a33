import { DEFAULT_WORKFLOW_SETTINGS, workflowSettingsSchema, type WorkflowSettings } from '../../shared/workflow';
import type { CoreContext } from '../context';
import { settingStore } from '../settings/store';

const store = settingStore('workflow', workflowSettingsSchema, DEFAULT_WORKFLOW_SETTINGS);

/** The office's workflow settings; the defaults until an administrator saves them. */
export const readWorkflowSettings = store.read;

export function writeWorkflowSettings(ctx: CoreContext, settings: WorkflowSettings, userId: string): WorkflowSettings {
  return store.write(ctx, { selfApproval: settings.selfApproval }, userId);
}
