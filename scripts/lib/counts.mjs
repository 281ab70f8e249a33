// Turns each test runner's report into the two numbers `npm test` adds up.
import { readFileSync } from 'node:fs';

/** @typedef {{ passed: number, failed: number }} Counts */

/**
 * A suite's counts, made consistent with its exit code: a failing process counts at least one failure
 * even when it failed before reporting any test (a crash, a broken config).
 * @param {Counts} counts
 * @param {number} code
 * @returns {Counts}
 */
export function settle(counts, code) {
  return code !== 0 && counts.failed === 0 ? { passed: counts.passed, failed: 1 } : counts;
}

/**
 * @param {string} file
 * @returns {any}
 */
export function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Vitest's JSON report: test counts, plus one failure per file that failed without a failing test.
 * @param {any} report
 * @returns {Counts}
 */
export function vitestCounts(report) {
  if (!report) return { passed: 0, failed: 0 };
  /** @type {any[]} */
  const files = report.testResults ?? [];
  const brokenFiles = files.filter(
    (file) =>
      file.status === 'failed' && !(file.assertionResults ?? []).some((/** @type {any} */ t) => t.status === 'failed'),
  ).length;
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + brokenFiles };
}

/**
 * Playwright's JSON report. Retries are off, so "flaky" should never appear; if it does, it is a failure.
 * @param {any} report
 * @returns {Counts}
 */
export function playwrightCounts(report) {
  const stats = report?.stats;
  if (!stats) return { passed: 0, failed: 0 };
  const errors = Array.isArray(report.errors) ? report.errors.length : 0;
  return { passed: stats.expected ?? 0, failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0) + errors };
}
