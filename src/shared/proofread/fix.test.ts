import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { proofread } from './engine';
import { fixAll } from './fix';
import { PRESS_ABBREVIATIONS } from './rules/abbreviation';
import type { ProofOptions, ToneStyle } from './types';

const read = (url: URL) => readFileSync(url, 'utf8').replace(/\n$/, '').split('\n');
const SAMPLE = read(new URL('../../../fixtures/sample-article.txt', import.meta.url));
const FAULTY = new URL('./fixtures/faulty/', import.meta.url);
const CORPUS: [string, string[]][] = [
  ['sample-article.txt', SAMPLE],
  ...readdirSync(FAULTY).map((name) => [name, read(new URL(name, FAULTY))] as [string, string[]]),
];

const options = (toneStyle: ToneStyle | null): ProofOptions => ({
  toneStyle,
  lexicon: [],
  abbreviations: PRESS_ABBREVIATIONS,
});

describe('fixing everything a fix can resolve', () => {
  for (const [name, blocks] of CORPUS) {
    for (const style of [null, 'old', 'new'] as const) {
      it(`${name}, house style ${style ?? 'none'}: the fixed text has no finding a fix could resolve`, () => {
        const before = proofread(blocks, options(style)).filter((f) => f.fix !== undefined);
        expect(before.length).toBeGreaterThan(0);
        const fixed = fixAll(blocks, options(style));
        const left = proofread(fixed, options(style)).filter((f) => f.fix !== undefined);
        expect(left.map((f) => `${f.rule}: ${fixed[f.block]!.slice(f.start, f.end)}`)).toEqual([]);
        // Only what was wrong changed: the words are all still there.
        const words = (text: string[]) =>
          text
            .join(' ')
            .replace(/[^\p{L}\d]+/gu, ' ')
            .trim()
            .split(' ').length;
        expect(Math.abs(words(fixed) - words(blocks))).toBeLessThan(before.length * 4 + 1);
      });
    }
  }

  it('the faults of the office’s own kind of copy come out as the press writes them', () => {
    const fixed = fixAll(read(new URL('le-hoi.txt', FAULTY)), options(null)).join('\n');
    expect(fixed).toContain('Tuần lễ văn hóa, du lịch');
    expect(fixed).toContain('từ ngày 2 đến ngày 8/12 tại quảng trường Ngọ Môn, với');
    expect(fixed).toContain('ẩm thực, trình diễn');
    expect(fixed).toContain('hoa đăng…');
    expect(fixed).toContain('“Huế - kinh đô áo dài” và thu hút');
    expect(fixed).toContain('HĐND – UBND các phường');
    expect(fixed).toContain('2021–2025');
    expect(fixed).toContain('(số liệu của Sở Du lịch)');
  });

  it('an address is no abbreviation, and a dash spaced on one side is found', () => {
    const blocks = read(new URL('thoi-tiet.txt', FAULTY));
    const found = proofread(blocks, options(null));
    expect(found.filter((f) => f.rule === 'abbreviation.undefined')).toEqual([]);
    const school = read(new URL('truong-hoc.txt', FAULTY));
    const dash = proofread(school, options(null)).find((f) => f.rule === 'spacing.dashOneSide')!;
    expect(school[dash.block]!.slice(dash.start, dash.end)).toBe('- ');
    expect(dash.fix).toBe(' - ');
  });
});
