import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createProofreader, proofread } from './engine';
import { applyFixes } from './testkit';
import type { Finding, ProofOptions } from './types';

/** The portal article of DESIGN.md (the project's copy of the shared sample), one block per line. */
const SAMPLE = readFileSync(new URL('../../../fixtures/sample-article.txt', import.meta.url), 'utf8').split('\n');
const CLEAN = readFileSync(new URL('./fixtures/clean-article.txt', import.meta.url), 'utf8')
  .trimEnd()
  .split('\n');

const options = (toneStyle: ProofOptions['toneStyle']): ProofOptions => ({ toneStyle, lexicon: [] });
const show = (blocks: readonly string[], list: readonly Finding[]) =>
  list.map((f) => [f.rule, blocks[f.block]!.slice(f.start, f.end), f.fix ?? null]);

const SAMPLE_FAULTS = [
  ['abbreviation.undefined', 'UBND', 'Uỷ ban nhân dân (UBND)'],
  ['spacing.double', '\u00a0 ', ' '],
  ['spelling.known', 'Camara', 'Camera'],
  ['spacing.gluedWords', 'quốcvào', 'quốc” vào'],
  ['paragraph.lostBreak', '\u00a0 '.repeat(11) + '\u00a0', '\n'],
];

describe('proofreading the sample article', () => {
  it('reports every fault with its fix, and the old tone marks under the new house style', () => {
    const found = show(SAMPLE, proofread(SAMPLE, options('new')));
    const tone = found.filter(([rule]) => rule === 'tone.style');
    expect(tone).toEqual([
      ['tone.style', 'ủy', 'uỷ'],
      ['tone.style', 'ủy', 'uỷ'],
      ['tone.style', 'hòa', 'hoà'],
      ['tone.style', 'hóa', 'hoá'],
    ]);
    expect(found.filter(([rule]) => rule !== 'tone.style')).toEqual(SAMPLE_FAULTS);
  });

  it('gives the quote lost where two words were glued one fix that closes it', () => {
    const found = proofread(SAMPLE, options('new'));
    expect(found.some((f) => f.rule === 'punctuation.unbalanced')).toBe(false);
    const glued = found.find((f) => f.rule === 'spacing.gluedWords')!;
    expect(glued.message).toContain('chưa được đóng');
    expect(applyFixes(SAMPLE[glued.block]!, [glued])).toContain(
      '“Ngày hội toàn dân bảo vệ an ninh Tổ quốc” vào dịp 19/8',
    );
    // A glued pair with its quote closed, or no quote, keeps the plain space.
    for (const text of ['Ông nói “xin chào” rồi đivào nhà.', 'Bà đivào nhà.']) {
      const fix = proofread([text], options(null)).find((f) => f.rule === 'spacing.gluedWords')?.fix;
      expect(fix).toBe('đi vào');
    }
  });

  it('reports no tone findings under the old house style, nor without one; fixes are written in the old style the article uses', () => {
    for (const style of ['old', null] as const) {
      expect(show(SAMPLE, proofread(SAMPLE, options(style))), String(style)).toEqual(
        SAMPLE_FAULTS.map(([rule, text, fix]) =>
          rule === 'abbreviation.undefined' ? [rule, text, 'Ủy ban nhân dân (UBND)'] : [rule, text, fix],
        ),
      );
    }
  });

  it('leaves nothing a fix could resolve once every fix is applied', () => {
    const fixed = SAMPLE.map((text, block) =>
      applyFixes(
        text,
        proofread(SAMPLE, options('new')).filter((f) => f.block === block && f.rule !== 'paragraph.lostBreak'),
      ),
    );
    expect(show(fixed, proofread(fixed, options('new'))).map(([rule]) => rule)).toEqual(['paragraph.lostBreak']);
  });
});

describe('proofreading a clean article', () => {
  it('finds nothing in correct new-style text', () => {
    expect(CLEAN.join(' ').split(/\s+/).length).toBeGreaterThan(500);
    expect(show(CLEAN, proofread(CLEAN, options('new')))).toEqual([]);
    expect(show(CLEAN, proofread(CLEAN, options(null)))).toEqual([]);
  });

  it('finds only the tone style under the old house style', () => {
    const rules = new Set(proofread(CLEAN, options('old')).map((f) => f.rule));
    expect([...rules]).toEqual(['tone.style']);
  });

  it('honours disabled rules', () => {
    const found = proofread(SAMPLE, { ...options('new'), disabledRules: ['tone.style', 'spelling.known'] });
    expect(found.some((f) => f.rule === 'tone.style' || f.rule === 'spelling.known')).toBe(false);
    expect(found.some((f) => f.rule === 'spacing.gluedWords')).toBe(true);
  });
});

describe('re-checking after an edit', () => {
  it('re-runs only the edited block and agrees with a full pass', () => {
    const reader = createProofreader(options('new'));
    expect(reader.check(SAMPLE)).toEqual(proofread(SAMPLE, options('new')));
    expect(reader.lastChecked).toBe(SAMPLE.length);
    const edited = [...SAMPLE];
    edited[6] = edited[6]!.replace('Camara', 'Camera');
    expect(reader.check(edited)).toEqual(proofread(edited, options('new')));
    expect(reader.lastChecked).toBe(1);
  });

  it('keeps article-wide rules right when another block changes', () => {
    const reader = createProofreader(options(null));
    expect(reader.check(CLEAN)).toEqual([]);

    // The spelling-out of UBND is removed: its first use, in the same block, becomes a finding.
    const undefinedFirst = [...CLEAN];
    undefinedFirst[1] = undefinedFirst[1]!.replace('Uỷ ban nhân dân (UBND)', 'UBND');
    const a = reader.check(undefinedFirst);
    expect(reader.lastChecked).toBe(1);
    expect(a).toEqual(proofread(undefinedFirst, options(null)));
    expect(a.map((f) => [f.rule, f.block])).toEqual([['abbreviation.undefined', 1]]);

    // A new first block uses UBND: the finding moves there though the old block is unchanged.
    const inserted = ['UBND thành phố họp báo.', ...undefinedFirst];
    const b = reader.check(inserted);
    expect(reader.lastChecked).toBe(1);
    expect(b.map((f) => [f.rule, f.block])).toEqual([['abbreviation.undefined', 0]]);

    // One old-style word in the byline makes the article mixed.
    const mixed = [...inserted];
    mixed[10] = mixed[10]!.replace('Văn hoá', 'Văn hóa');
    const c = reader.check(mixed);
    expect(reader.lastChecked).toBe(1);
    expect(show(mixed, c)).toEqual([
      ['abbreviation.undefined', 'UBND', 'Uỷ ban nhân dân (UBND)'],
      ['tone.mixed', 'hóa', 'hoá'],
    ]);
    expect(c).toEqual(proofread(mixed, options(null)));
  });

  it('agrees with a full pass over a run of random edits', () => {
    const pool = ['của của', 'quốcvào', 'Camara', '  ', 'hòa', 'HĐND', '“trích', '2020-2025', 'tóan', '...', 'Tổ Quốc'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const reader = createProofreader(options('new'));
    let blocks = [...SAMPLE, ...CLEAN];
    for (let round = 0; round < 40; round++) {
      const at = random(blocks.length);
      const words = blocks[at]!.split(' ');
      words.splice(random(words.length + 1), 0, pool[random(pool.length)]!);
      blocks = blocks.map((b, i) => (i === at ? words.join(' ') : b));
      if (round % 10 === 9) blocks.splice(random(blocks.length), 1);
      expect(reader.check(blocks)).toEqual(proofread(blocks, options('new')));
    }
  });
});
