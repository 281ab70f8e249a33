import { readFileSync } from 'node:fs';
import { createProofreader, proofread, type ProofOptions } from '../src/shared/proofread';
import { wordsOf } from '../src/shared/proofread/words';
import type { NotedRow } from './editor.bench';
import { interleave, summarize } from './lib/stats';

const OPTIONS: ProofOptions = { toneStyle: 'new', lexicon: [] };

/**
 * A 10,000-word article from the sample's faulty paragraphs and the clean article's paragraphs,
 * each copy numbered so no two blocks share a text (the cache would otherwise flatter the re-check).
 */
function article(words: number): string[] {
  const sample = readFileSync(new URL('../fixtures/sample-article.txt', import.meta.url), 'utf8').split('\n');
  const clean = readFileSync(new URL('../src/shared/proofread/fixtures/clean-article.txt', import.meta.url), 'utf8')
    .trimEnd()
    .split('\n');
  const source = [...sample.slice(4, 9), ...clean.slice(1, 9)];
  const blocks: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const block = `Phần ${i + 1}. ${source[i % source.length]!}`;
    blocks.push(block);
    count += block.split(/\s+/).length;
  }
  return blocks;
}

/** Types one more word into the middle block, as a reporter does between two checks. */
function typed(blocks: readonly string[], round: number): string[] {
  const middle = Math.floor(blocks.length / 2);
  return blocks.map((b, i) => (i === middle ? `${b} thêm${round % 2 ? ' chữ' : ''} lần ${round}` : b));
}

export async function benchProofread(rounds = 60): Promise<NotedRow[]> {
  const blocks = article(10_000);
  const words = blocks.reduce((n, b) => n + b.split(/\s+/).length, 0);
  const reader = createProofreader(OPTIONS);
  reader.check(blocks);
  let findings = 0;
  const samples = await interleave(rounds, {
    full: () => {
      findings = proofread(blocks, OPTIONS).length;
    },
    incremental: (round) => {
      reader.check(typed(blocks, round));
    },
    tokenize: () => {
      for (const b of blocks) wordsOf(b.normalize('NFC'));
    },
  });
  const full = summarize(samples.full!.slice(5));
  return [
    {
      name: `soát lỗi toàn bài ${words} từ, ${blocks.length} đoạn (proofread)`,
      measured: full,
      baseline: summarize(samples.tokenize!.slice(5)),
      baselineName: 'chỉ chuẩn hoá NFC và tách từ toàn bài',
      unit: 'ms',
      notes: [`${findings} lỗi được báo mỗi lượt.`],
    },
    {
      name: 'soát lại sau khi sửa một đoạn (createProofreader().check)',
      measured: summarize(samples.incremental!.slice(5)),
      baseline: full,
      baselineName: 'soát lỗi toàn bài',
      unit: 'ms',
      notes: [`Mỗi lần soát lại chạy quy tắc trên ${reader.lastChecked} đoạn; các đoạn khác lấy từ bộ nhớ đệm.`],
    },
  ];
}
