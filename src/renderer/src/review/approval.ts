import type { WorkflowEvent } from '../../../shared/review';

/**
 * Whether the latest approval was voided by a later edit, which the core logs as its own event.
 * An approval that fails verification without one was broken some other way and shows as INVALID.
 */
export function approvalVoided(events: readonly WorkflowEvent[]): boolean {
  const last = [...events].reverse().find((event) => event.kind === 'approved' || event.kind === 'approval_voided');
  return last?.kind === 'approval_voided';
}
