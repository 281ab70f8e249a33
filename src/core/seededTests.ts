import { afterEach, beforeAll } from 'vitest';
import { openSeededCore, type TestCore } from './testkit';

/**
 * For a test file whose tests each open a copy of the seeded core: the seeded template is built
 * once before the tests, under the hook's time rather than the first test's, and each test's core
 * is closed after it. Returns the opener the tests call.
 */
export function seededCorePerTest(): () => ReturnType<typeof openSeededCore> {
  let core: TestCore | undefined;
  afterEach(() => core?.close());
  beforeAll(async () => (await openSeededCore()).core.close(), 120_000);
  return async () => {
    const opened = await openSeededCore();
    core = opened.core;
    return opened;
  };
}
