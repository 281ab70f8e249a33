import { describe, expect, it } from 'vitest';
import { isAppCommand, nextInQueue } from './commands';

describe('nextInQueue', () => {
  it('goes to the article after the open one, back to the first after the last', () => {
    expect(nextInQueue(['a', 'b', 'c'], 'a')).toBe('b');
    expect(nextInQueue(['a', 'b', 'c'], 'c')).toBe('a');
    expect(nextInQueue(['a', 'b', 'c'], null)).toBe('a');
    // An open article outside the queue: its first.
    expect(nextInQueue(['a', 'b'], 'z')).toBe('a');
    expect(nextInQueue([], 'a')).toBeNull();
  });

  it('knows its commands and nothing else', () => {
    expect(isAppCommand('newArticle')).toBe(true);
    expect(isAppCommand('deleteEverything')).toBe(false);
    expect(isAppCommand(undefined)).toBe(false);
  });
});
