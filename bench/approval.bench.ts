import { join } from 'node:path';
import { joinedWorkstation, officeServer } from '../src/core/office/testServer';
import { PASSWORD, openSeededCore, runOnRealTime, sharedTempDir, type TestCore } from '../src/core/testkit';
import type { OfficeConnection } from '../src/core/office/connection';
import type { BenchRow } from './autosave.bench';
import { summarize } from './lib/stats';
import { clockMs, connect, until } from './lib/workstation';

// A head signs on the office desktop; how long until the reporter's laptop holds the approval,
// checked there against its own directory (the article "đã duyệt" with a valid sign-off). The
// signing itself (the password checked, the key unsealed, the revision kept, the event signed)
// is timed apart: the target is on the rest, the trip through the office.

const statusOf = (core: TestCore, id: string) =>
  core.db.prepare('SELECT status FROM articles WHERE id = ?').pluck().get(id) as string | undefined;

export async function benchApproval(rounds = 40): Promise<(BenchRow & { notes?: string[] })[]> {
  const { core: desk, sessions } = await openSeededCore();
  runOnRealTime(desk);
  const server = await officeServer(desk, join(sharedTempDir('bientap-bench-approval-'), 'server'));
  let joined: TestCore | null = null;
  const connections: OfficeConnection[] = [];
  try {
    const laptop = (joined = await joinedWorkstation(desk));
    const session = (await laptop.call('auth.login', { username: 'phongvien', password: PASSWORD })).session;
    connections.push((await connect(desk, 'truongphong')).connection);
    connections.push((await connect(laptop, 'phongvien')).connection);
    await until(() => connections.every((link) => link.status().state === 'synced'), 'both synced', 60_000);
    const created = await laptop.call('articles.create', { title: 'Ký duyệt qua văn phòng' }, session);
    await laptop.call(
      'articles.save',
      {
        id: created.id,
        baseVersion: created.version,
        title: 'Ký duyệt qua văn phòng',
        summary: 'Sapo.',
        body: created.body,
      },
      session,
    );
    const verifiedOnLaptop = () => {
      if (statusOf(laptop, created.id) !== 'approved') return false;
      return laptop
        .call('articles.get', { id: created.id }, session)
        .then((article) => article.latestApproval?.valid === true);
    };
    const total: number[] = [];
    const signing: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await laptop.call('workflow.submit', { articleId: created.id }, session);
      await until(() => statusOf(desk, created.id) === 'submitted', 'submitted on the desk');
      const version = (await desk.call('articles.get', { id: created.id }, sessions.truongphong)).version;
      const start = clockMs();
      await desk.call('workflow.approve', { articleId: created.id, version, password: PASSWORD }, sessions.truongphong);
      const signed = clockMs();
      while (!(await verifiedOnLaptop())) await new Promise((done) => setTimeout(done, 1));
      total.push(clockMs() - start);
      signing.push(signed - start);
      await desk.call('workflow.requestChanges', { articleId: created.id, note: 'Lượt sau.' }, sessions.truongphong);
      await until(() => statusOf(laptop, created.id) === 'changes_requested', 'returned on the laptop');
    }
    const trip = total.map((ms, i) => ms - signing[i]!);
    const afterSigning = summarize(trip.slice(5));
    return [
      {
        name: 'trưởng phòng bấm “Ký duyệt” trên máy văn phòng → máy xách tay của phóng viên có chữ ký đã kiểm',
        measured: summarize(total.slice(5)),
        baseline: summarize(signing.slice(5)),
        baselineName: 'riêng việc ký trên máy văn phòng (kiểm mật khẩu, mở khóa, ký)',
        unit: 'ms',
        notes: [
          `  phần sau khi ký (đường qua máy chủ, kiểm chữ ký trên máy xách tay): p50 ${afterSigning.p50.toFixed(1)} ms, p95 ${afterSigning.p95.toFixed(1)} ms`,
          '  chỉ tiêu: p95 phần sau khi ký ≤ 1.000 ms (loopback); khóa thử nghiệm dùng chi phí scrypt thấp, trong ứng dụng việc ký lâu hơn',
        ],
      },
    ];
  } finally {
    for (const connection of connections) await connection.close();
    await server.kill();
    desk.close();
    joined?.close();
  }
}
