import { randomBytes } from 'node:crypto';
import { deriveKey, PRODUCTION_KDF_COST } from '../src/core/auth/kdf';
import { openTestCore, PASSWORD, withAccounts } from '../src/core/testkit';
import type { NotedRow } from './editor.bench';
import { interleave, summarize } from './lib/stats';

// A head signs an article at the cost every real workstation uses (scrypt N=2^17): from the
// password typed to the article signed, through the API. Against one key derivation at that
// cost in the same run: the signing costs one derivation, plus the signature and the writes.
// Target: p95 under 1.5 s, and the ratio near 1× (it was two derivations, ~2×).
export async function benchSigning(rounds = 12): Promise<NotedRow[]> {
  const core = openTestCore({ kdfCost: PRODUCTION_KDF_COST });
  try {
    const sessions = await withAccounts(core, [
      { username: 'phongvien', role: 'reporter' },
      { username: 'truongphong', role: 'head' },
    ]);
    const ready: { id: string; version: number }[] = [];
    for (let i = 0; i < rounds; i++) {
      const created = await core.call('articles.create', { title: `Bài ký số ${i + 1}` }, sessions.phongvien);
      const submitted = await core.call('workflow.submit', { articleId: created.id }, sessions.phongvien);
      ready.push({ id: created.id, version: submitted.version });
    }
    const salt = randomBytes(16);
    const samples = await interleave(rounds, {
      sign: async (round) => {
        const { id, version } = ready[round]!;
        await core.call('workflow.approve', { articleId: id, version, password: PASSWORD }, sessions.truongphong);
      },
      derive: async () => {
        await deriveKey(PASSWORD, salt, PRODUCTION_KDF_COST);
      },
    });
    const measured = summarize(samples.sign!);
    return [
      {
        name: 'ký duyệt một bài ở mức khó của máy thật (mật khẩu → bài đã ký)',
        measured,
        baseline: summarize(samples.derive!),
        baselineName: 'một lần dẫn khóa scrypt N=2^17',
        unit: 'ms',
        notes: [`mục tiêu: p95 dưới 1500 ms (đo được ${measured.p95.toFixed(0)} ms); tỉ lệ gần 1× (một lần dẫn khóa)`],
      },
    ];
  } finally {
    core.close();
  }
}
