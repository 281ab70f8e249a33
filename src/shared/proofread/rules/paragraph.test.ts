import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findings, spans } from '../testkit';

const sample = readFileSync(new URL('../../../../fixtures/sample-article.txt', import.meta.url), 'utf8').split('\n');

describe('paragraph.lostBreak', () => {
  it('finds the paragraph break the sample lost to a run of spaces', () => {
    const found = findings('paragraph.lostBreak', sample);
    expect(found).toHaveLength(1);
    const block = sample[found[0]!.block]!;
    expect(block.slice(0, found[0]!.start)).toMatch(/của thành phố và của tỉnh\.$/);
    expect(block.slice(found[0]!.end)).toMatch(/^Thời gian qua/);
    expect(found[0]!.fix).toBe('\n');
    // The same run is not reported again as a double space.
    expect(findings('spacing.double', [block]).filter((f) => f.start === found[0]!.start)).toEqual([]);
  });

  it('needs a sentence end and a capital to call it a lost break', () => {
    expect(findings('paragraph.lostBreak', 'an ninh trật tự      và xây dựng')).toEqual([]);
    expect(findings('paragraph.lostBreak', 'an ninh trật tự.      và xây dựng')).toEqual([]);
    expect(findings('spacing.double', 'an ninh trật tự      và xây dựng')).toHaveLength(1);
  });

  it('tells a line break between sentences from one inside a sentence', () => {
    expect(spans('paragraph.lostBreak', 'Hết đoạn một.\nĐoạn hai bắt đầu.')).toEqual([['\n', '\n']]);
    expect(spans('paragraph.lostBreak', 'một câu bị ngắt\ngiữa chừng khi sao chép')).toEqual([['\n', ' ']]);
  });
});
