import { describe, expect, it } from 'vitest';
import type { WorkflowEvent, WorkflowEventKind } from '../../../shared/review';
import { approvalVoided } from './approval';

const event = (kind: WorkflowEventKind, n: number): WorkflowEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  kind,
  actorId: '00000000-0000-4000-8000-000000000099',
  actorName: 'Nguyễn Văn Duyệt',
  at: `2026-04-15T03:5${n}:38.000Z`,
  fromStatus: 'submitted',
  toStatus: 'approved',
  contentHash: 'ab',
  note: '',
  revisionId: null,
  keyFingerprint: null,
  signatureValid: null,
  scheduledFor: null,
});

describe('approvalVoided', () => {
  it('is true only while the last approval-related event is a voiding', () => {
    expect(approvalVoided([])).toBe(false);
    expect(approvalVoided([event('submitted', 1), event('approved', 2)])).toBe(false);
    expect(approvalVoided([event('approved', 1), event('approval_voided', 2), event('submitted', 3)])).toBe(true);
    expect(approvalVoided([event('approved', 1), event('approval_voided', 2), event('approved', 3)])).toBe(false);
  });
});
