import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ensureOfficeKey } from '../seal/officeKey';
import { PASSWORD, openSeededCore, openTestCore, runOnRealTime, tempDir, type TestCore } from '../testkit';
import type { OfficeConnection } from './connection';
import { createInvitation, createOffice, joinOffice } from './invitations';
import { linkWorkstation, startServerProcess, waitUntil, type ServerProcess } from './testServer';

// A workstation joining an office syncs its articles a few at a time (here 3; 256 in the app), so
// the server answers the first while it loads the next instead of loading them all first. Every
// article must still arrive, the status must count down what is left, and a server killed halfway
// must change nothing of that.

const ARTICLES = 15;
const cores: TestCore[] = [];
const connections: OfficeConnection[] = [];
let server: ServerProcess | null = null;

afterAll(async () => {
  for (const connection of connections) await connection.close();
  await server?.kill();
  for (const core of cores) core.close();
});

it('brings every article to a joining workstation a few syncs at a time, through a server restart', async () => {
  const { core: office, sessions } = await openSeededCore();
  runOnRealTime(office);
  cores.push(office);
  const titles: string[] = [];
  for (let n = 1; n <= ARTICLES; n++) {
    titles.push(`Bài số ${n}`);
    await office.call('articles.create', { title: `Bài số ${n}` }, sessions.phongvien);
  }
  const data = join(tempDir(), 'server');
  const fingerprint = ensureOfficeKey(office.ctx).fingerprint;
  server = await startServerProcess({ data, office: fingerprint });
  await createOffice(office.ctx, { url: server.url, cert: `sha256:${server.certSha256}` });
  const logs: string[] = [];
  const desk = await linkWorkstation(office, 'quantri', logs);
  connections.push(desk);
  await waitUntil(() => desk.status().state === 'synced', 'the office workstation shares its articles', { logs });

  const { line } = await createInvitation(office.ctx, { username: 'quantri', password: PASSWORD });
  const laptop = openTestCore();
  runOnRealTime(laptop);
  cores.push(laptop);
  await joinOffice(laptop.ctx, line);
  // What is left, read each time an article's row is written (as the list reloads).
  const left = new Set<number>();
  let link: OfficeConnection | null = null;
  const emit = laptop.ctx.emit.bind(laptop.ctx);
  laptop.ctx.emit = (event, payload) => {
    if (event === 'articles.changed' && link) left.add(link.articlesToSync());
    emit(event, payload);
  };
  link = await linkWorkstation(laptop, 'truongphong', logs, { syncsAtOnce: 3 });
  connections.push(link);
  const rows = () => laptop.db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
  await waitUntil(() => rows() >= 3, 'the first articles', { logs });

  // The server dies mid-join and comes back on the same port: the rest still arrives.
  await server.kill();
  server = await startServerProcess({ data, office: fingerprint, port: server.port });
  await waitUntil(() => rows() === ARTICLES && link.status().state === 'synced', 'every article', {
    logs,
    timeoutMs: 30_000,
  });
  expect(link.articlesToSync()).toBe(0);
  // The count went down as articles arrived: more than one value on the way, none above what was listed.
  expect([...left].filter((n) => n > 0).length).toBeGreaterThan(1);
  expect(Math.max(...left)).toBeLessThanOrEqual(ARTICLES);
  const arrived = laptop.db.prepare('SELECT title FROM articles ORDER BY title').pluck().all() as string[];
  expect(arrived).toEqual([...titles].sort());
  // What the app shows: the same count through the API, nothing left.
  const head = (await laptop.call('auth.login', { username: 'truongphong', password: PASSWORD })).session;
  expect(await laptop.call('office.status', {}, head)).toMatchObject({ state: 'synced', articlesToSync: 0 });
}, 60_000);
