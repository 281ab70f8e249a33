import { describe, expect, it } from 'vitest';
import { playwrightCounts, settle, vitestCounts } from '../scripts/lib/counts.mjs';

describe('test counts', () => {
  it('counts a failing process as at least one failure', () => {
    expect(settle({ passed: 3, failed: 0 }, 1)).toEqual({ passed: 3, failed: 1 });
    expect(settle({ passed: 3, failed: 2 }, 1)).toEqual({ passed: 3, failed: 2 });
    expect(settle({ passed: 3, failed: 0 }, 0)).toEqual({ passed: 3, failed: 0 });
  });

  it('reads vitest reports, counting a file that failed to load', () => {
    const report = {
      numPassedTests: 7,
      numFailedTests: 1,
      testResults: [
        { status: 'passed', assertionResults: [{ status: 'passed' }] },
        { status: 'failed', assertionResults: [{ status: 'failed' }] },
        { status: 'failed', assertionResults: [] },
      ],
    };
    expect(vitestCounts(report)).toEqual({ passed: 7, failed: 2 });
    expect(vitestCounts(null)).toEqual({ passed: 0, failed: 0 });
  });

  it('reads playwright reports, treating flaky and global errors as failures', () => {
    expect(playwrightCounts({ stats: { expected: 5, unexpected: 1, flaky: 1, skipped: 2 }, errors: [{}] })).toEqual({
      passed: 5,
      failed: 3,
    });
    expect(playwrightCounts({})).toEqual({ passed: 0, failed: 0 });
  });
});
