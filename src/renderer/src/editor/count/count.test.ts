import { describe, expect, it } from 'vitest';
import { countText } from './count';

describe('live count', () => {
  it('counts words, characters and minutes of reading', () => {
    expect(countText('Thành phố Huế\nngày 12/4/2021')).toEqual({ words: 5, characters: 27, minutes: 1 });
    expect(countText('')).toEqual({ words: 0, characters: 0, minutes: 0 });
    expect(countText('từ '.repeat(1000)).minutes).toBe(5);
  });

  it('counts a decomposed letter once', () => {
    expect(countText('Hue\u0302\u0301').characters).toBe(3);
  });
});
