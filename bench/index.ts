import { benchApproval } from './approval.bench';
import { benchAutosave } from './autosave.bench';
import { benchEditor, type NotedRow } from './editor.bench';
import { benchProofread } from './proofread.bench';
import { benchPublish } from './publish.bench';
import { benchSearch } from './search.bench';
import { benchJoin } from './join.bench';
import { benchOffice } from './office.bench';
import { benchSigning } from './signing.bench';
import { benchStatic } from './static.bench';
import { benchSync } from './sync.bench';
import { removeSharedTempDirs } from '../src/core/testkit';
import { ratio } from './lib/stats';

/** Every benchmark reports p50/p95 against a baseline measured in the same run, as a ratio. */
const BENCHES: { name: string; run: () => Promise<NotedRow[]> }[] = [
  { name: 'autosave', run: () => benchAutosave() },
  { name: 'editor', run: () => benchEditor() },
  { name: 'proofread', run: () => benchProofread() },
  { name: 'publish', run: () => benchPublish() },
  { name: 'search', run: () => benchSearch() },
  { name: 'signing', run: () => benchSigning() },
  { name: 'static', run: () => benchStatic() },
  // `sync` includes a sign-off across the office and joining a 10,000-article office; `live`,
  // `approval`, `office` and `join` run those parts alone.
  {
    name: 'sync',
    run: async () => [
      ...(await benchSync()),
      ...(await benchApproval()),
      ...(await benchOffice()),
      ...(await benchJoin()),
    ],
  },
  { name: 'live', run: () => benchSync() },
  { name: 'approval', run: () => benchApproval() },
  { name: 'office', run: () => benchOffice() },
  { name: 'join', run: () => benchJoin() },
];

const fmt = (n: number) => n.toFixed(2);

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const bench of BENCHES) {
    if (only.length > 0 ? !only.includes(bench.name) : ['live', 'join', 'approval', 'office'].includes(bench.name))
      continue;
    console.log(`\n▶ ${bench.name}`);
    for (const row of await bench.run()) {
      const r = ratio(row.measured, row.baseline);
      console.log(`  ${row.name}`);
      console.log(`    đo được:  p50 ${fmt(row.measured.p50)} ${row.unit}  p95 ${fmt(row.measured.p95)} ${row.unit}`);
      console.log(
        `    mốc (${row.baselineName}):  p50 ${fmt(row.baseline.p50)} ${row.unit}  p95 ${fmt(row.baseline.p95)} ${row.unit}`,
      );
      console.log(`    tỉ lệ:  p50 ${fmt(r.p50)}×  p95 ${fmt(r.p95)}×`);
      for (const note of row.notes ?? []) console.log(`  ${note}`);
    }
  }
}

// The seeded template the autosave and publish benches open is shared the way a test file shares it.
main().then(removeSharedTempDirs, (error: unknown) => {
  console.error(error);
  removeSharedTempDirs();
  process.exit(1);
});
