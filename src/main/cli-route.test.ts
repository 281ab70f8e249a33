import { describe, expect, it } from 'vitest';
import { cliArguments } from './cli-route';

describe('cliArguments', () => {
  it('gives the command everything after --cli, whatever came before it', () => {
    expect(cliArguments(['/opt/bientap/bientap', '--cli', 'verify', '--data', '/srv/d'])).toEqual([
      'verify',
      '--data',
      '/srv/d',
    ]);
    // Unpackaged: electron, the app folder, then the arguments; Chromium may add switches of its own first.
    expect(cliArguments(['electron', '.', '--no-sandbox', '--cli', 'user', 'reset', '--username', 'a'])).toEqual([
      'user',
      'reset',
      '--username',
      'a',
    ]);
    // A second --cli belongs to the command (which then refuses it).
    expect(cliArguments(['bientap', '--cli', 'proofread', '--cli'])).toEqual(['proofread', '--cli']);
    expect(cliArguments(['bientap', '--cli'])).toEqual([]);
  });

  it('starts the windows when there is no --cli', () => {
    expect(cliArguments(['/opt/bientap/bientap'])).toBeNull();
    expect(cliArguments(['bientap', '--demo'])).toBeNull();
    expect(cliArguments(['bientap', '--cli=verify'])).toBeNull();
  });
});
