import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countWords } from '../src/shared/text';
import { editorStateSchema } from '../src/shared/domain';
import { vietnameseArticle } from './article';
import { benchAutosave } from './autosave';
import { quantile } from './stats';

describe('benchmark harness', () => {
  it('takes nearest-rank quantiles', () => {
    const samples = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(quantile(samples, 0.5)).toBe(5);
    expect(quantile(samples, 0.95)).toBe(10);
    expect(quantile([3], 0.95)).toBe(3);
  });

  it('builds a valid editor state with exactly the asked number of words', () => {
    const article = vietnameseArticle(5_000);
    expect(editorStateSchema.safeParse(article.body).success).toBe(true);
    const text = article.body.root.children.map((p) => p.children?.[0]?.text ?? '').join('\n');
    expect(countWords(text)).toBe(5_000);
    expect(article.words).toBe(5_000);
  });

  it('runs the autosave benchmark end to end', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bientap-bench-'));
    const result = await benchAutosave({ dir, iterations: 5, warmup: 1 });
    expect(result.iterations).toBe(5);
    expect(result.core.p50).toBeGreaterThan(0);
    expect(result.raw.p50).toBeGreaterThan(0);
    expect(result.ratio.p50).toBeGreaterThan(0);
  });
});
