import { describe, expect, it } from 'vitest';
import { exactForm, foldWithMap, matchExpression, parseQuery, searchFold, searchInputSchema } from './search';
import { fold } from './text';

describe('search text forms', () => {
  it('writes the tone as a leading digit, so tone placement, NFD and case do not matter', () => {
    expect(exactForm('hòa')).toBe('2hoa');
    expect(exactForm('hoà')).toBe('2hoa');
    expect(exactForm('HOÀ'.normalize('NFD'))).toBe('2hoa');
    expect(exactForm('Đường phố')).toBe('2đương 1phô');
    expect(exactForm('hóa')).not.toBe(exactForm('hòa'));
    expect(exactForm('Tỉnh uỷ')).toBe(exactForm('Tỉnh ủy'));
  });

  it('folds with a map back to the original, whatever its normal form', () => {
    for (const text of ['Đảng bộ TP Huế', 'ĐƯỜNG'.normalize('NFD'), 'Tổ quốcvào 😀 x', 'hoà\u0301']) {
      const { folded, starts, ends } = foldWithMap(text);
      expect(folded).toBe(fold(text));
      expect(searchFold(text)).toBe(fold(text));
      expect(starts).toHaveLength(folded.length);
      for (let i = 0; i < folded.length; i++) expect(fold(text.slice(starts[i], ends[i]))).toContain(folded[i]);
    }
    const nfd = 'Con ĐƯỜNG'.normalize('NFD');
    const { folded, starts, ends } = foldWithMap(nfd);
    const at = folded.indexOf('duong');
    expect(nfd.slice(starts[at], ends[at + 4])).toBe('ĐƯỜNG'.normalize('NFD'));
  });
});

describe('parseQuery', () => {
  it('keeps marks only for words typed with them', () => {
    expect(parseQuery('Đảng bo')).toEqual([
      { folded: ['dang'], exact: ['3đang'], prefix: false },
      { folded: ['bo'], exact: null, prefix: false },
    ]);
    expect(parseQuery('TỔ QUỐC'.normalize('NFD'))).toEqual(parseQuery('tổ quốc'));
  });

  it('reads phrases, inner punctuation, stars and the word being typed', () => {
    expect(parseQuery('"to quoc" 03/CT-UBND')).toEqual([
      { folded: ['to', 'quoc'], exact: null, prefix: false },
      { folded: ['03', 'ct', 'ubnd'], exact: null, prefix: false },
    ]);
    expect(parseQuery('dang bo', true).map((t) => t.prefix)).toEqual([false, true]);
    expect(parseQuery('dang bo ', true).map((t) => t.prefix)).toEqual([false, false]);
    expect(parseQuery('"to quo', true)).toEqual([{ folded: ['to', 'quo'], exact: null, prefix: true }]);
    expect(parseQuery('"to quoc"', true)[0]!.prefix).toBe(false);
    expect(parseQuery('duon*')[0]!.prefix).toBe(true);
    expect(parseQuery(' " ,. ')).toEqual([]);
  });

  it('quotes every word for FTS5, so typed syntax stays text (an open quote runs to the end)', () => {
    const terms = parseQuery('đường "to quoc" NEAR( a"b OR', true);
    expect(matchExpression(terms, 'folded')).toBe('"duong" "to" + "quoc" "near" "a" "b" + "or" *');
    expect(
      matchExpression(
        terms.filter((t) => t.exact),
        'exact',
      ),
    ).toBe('"2đương"');
  });

  it('defaults a bare query to a ranked first page', () => {
    expect(searchInputSchema.parse({ query: 'duong' })).toEqual({
      query: 'duong',
      filters: {},
      sort: 'relevance',
      mode: 'full',
      typing: false,
      limit: 20,
      offset: 0,
    });
    expect(() => searchInputSchema.parse({ query: 'x', limit: 500 })).toThrow();
  });
});
