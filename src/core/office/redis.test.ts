import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer, startRedis } from '../../../scripts/lib/redis.mjs';
import { invitationSecretHash } from '../../shared/sync/invitation';
import { paragraphsState } from '../articles/editorState';
import { ensureOfficeKey } from '../seal/officeKey';
import { PASSWORD, openSeededCore, openTestCore, runOnRealTime, tempDir, type TestCore } from '../testkit';
import { fetchPinnedCertificate, officeRequest, serverToken } from './client';
import { unsealOfficeSigner, type OfficeConnection } from './connection';
import { createOffice, joinOffice, readOfficeConnection, signInvitation } from './invitations';
import { linkWorkstation, startServerProcess, waitUntil, type ServerProcess } from './testServer';

// Two office server processes on one Redis, each with its own data folder: the office's desktop
// talks to one, a laptop to the other, and what either writes reaches the other. The second
// process never hears from the desktop but through Redis: the directory it signs people in with,
// the article edits. What Redis relayed to it is in its own store: alone, it still serves it all.

const REDIS_SERVER = findRedisServer();
if (!REDIS_SERVER) {
  console.log(
    'Skipped: the test of several server processes needs redis-server ' +
      '(npm test installs Debian’s redis-server as root; or: apt-get install -y --no-install-recommends redis-server).',
  );
}

const logs: string[] = [];
const servers: ServerProcess[] = [];
const connections: OfficeConnection[] = [];
let redis: Awaited<ReturnType<typeof startRedis>> | null = null;
let office: TestCore;
let laptop: TestCore;
let officeSessions: Record<string, string>;
let laptopSession: string;
let a: ServerProcess;
let b: ServerProcess;
let bData: string;

const waitFor = (check: () => boolean, what: string) => waitUntil(check, what, { timeoutMs: 20_000, logs });

async function connect(core: TestCore, username: string): Promise<OfficeConnection> {
  const connection = await linkWorkstation(core, username, logs);
  connections.push(connection);
  return connection;
}

/**
 * A one-time invitation to `server`, registered there with the administrator's key, as
 * createInvitation registers one at the desktop's own server. Invitations live in each process's
 * own database: one for the laptop's process is registered at that process.
 */
async function invitationTo(server: ServerProcess): Promise<string> {
  const cert = await fetchPinnedCertificate(server.url, server.certSha256);
  const pin = { url: server.url, certSha256: server.certSha256, cert };
  const adminId = office.db.prepare("SELECT id FROM users WHERE username = 'quantri'").pluck().get() as string;
  const admin = (await unsealOfficeSigner(office.ctx, adminId, PASSWORD))!;
  const id = randomBytes(16).toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  const answer = await officeRequest(pin, 'POST', '/invitations', {
    token: await serverToken(pin, admin),
    body: { id, secretSha256: await invitationSecretHash(secret), lifetimeSeconds: 3600 },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  const { expiresAt } = answer.body as { expiresAt: string };
  return signInvitation(office.ctx, { server: server.url, cert: `sha256:${server.certSha256}`, id, secret, expiresAt });
}

const paragraphs = paragraphsState;

const row = (core: TestCore, id: string) =>
  core.db.prepare('SELECT title, body_text AS text, version FROM articles WHERE id = ?').get(id) as
    { title: string; text: string; version: number } | undefined;

describe.skipIf(!REDIS_SERVER)('several office server processes on one Redis', () => {
  beforeAll(async () => {
    redis = await startRedis();
    ({ core: office, sessions: officeSessions } = await openSeededCore());
    runOnRealTime(office);
    const fingerprint = ensureOfficeKey(office.ctx).fingerprint;
    bData = join(tempDir(), 'server-b');
    a = await startServerProcess({ data: join(tempDir(), 'server-a'), office: fingerprint, redis: redis.url });
    b = await startServerProcess({ data: bData, office: fingerprint, redis: redis.url });
    servers.push(a, b);
    // The directory goes to A only, as createOffice sends it.
    await createOffice(office.ctx, { url: a.url, cert: `sha256:${a.certSha256}` });
    // B signs the administrator in (registering the invitation) and hands the laptop the directory
    // only if A's directory reached it through Redis.
    laptop = openTestCore();
    runOnRealTime(laptop);
    await joinOffice(laptop.ctx, await invitationTo(b));
    laptopSession = (await laptop.call('auth.login', { username: 'phongvien', password: PASSWORD })).session;
  });

  afterAll(async () => {
    for (const connection of connections) await connection.close();
    for (const server of servers) await server.kill();
    await redis?.stop();
    office?.close();
    laptop?.close();
  });

  it(
    'brings the laptop’s article to the desktop and the desktop’s edit to the laptop',
    { timeout: 60_000 },
    async () => {
      expect(readOfficeConnection(office.ctx)!.url).toBe(a.url);
      expect(readOfficeConnection(laptop.ctx)!.url).toBe(b.url);
      expect(a.url).not.toBe(b.url);
      const desk = await connect(office, 'quantri');
      const away = await connect(laptop, 'phongvien');
      await waitFor(() => desk.status().state === 'synced' && away.status().state === 'synced', 'cả hai đồng bộ');

      const created = await laptop.call('articles.create', { title: 'Lễ hội Huế 2026' }, laptopSession);
      const articleId = created.id;
      await laptop.call(
        'articles.save',
        {
          id: articleId,
          baseVersion: created.version,
          title: 'Lễ hội Huế 2026',
          summary: 'Tóm tắt',
          body: paragraphs('Festival Huế diễn ra vào tháng sáu.', 'Kết bài.'),
          tags: ['lễ hội'],
        },
        laptopSession,
      );
      await waitFor(
        () => row(office, articleId)?.text.includes('Kết bài.') ?? false,
        'bài từ máy xách tay (B) đến máy văn phòng (A)',
      );
      expect(row(office, articleId)!.title).toBe('Lễ hội Huế 2026');

      await office.call(
        'articles.save',
        {
          id: articleId,
          baseVersion: row(office, articleId)!.version,
          title: 'Lễ hội Huế 2026',
          summary: 'Tóm tắt',
          body: paragraphs('Festival Huế diễn ra vào tháng Sáu.', 'Kết bài.'),
          tags: ['lễ hội'],
        },
        officeSessions.bientap,
      );
      await waitFor(
        () => row(laptop, articleId)?.text.includes('tháng Sáu') ?? false,
        'bản sửa từ máy văn phòng (A) đến máy xách tay (B)',
      );
      const final = row(laptop, articleId)!.text;
      await waitFor(() => row(office, articleId)?.text === final, 'hai máy cùng một bài');

      // What Redis relayed to B is in B's own store: B alone, without Redis, serves the directory
      // (the desktop never sent it there) and the desktop's edit to a workstation joining it now.
      for (const connection of connections.splice(0)) await connection.close();
      for (const server of servers.splice(0)) await server.kill();
      const alone = await startServerProcess({ data: bData, office: ensureOfficeKey(office.ctx).fingerprint });
      servers.push(alone);
      const third = openTestCore();
      try {
        runOnRealTime(third);
        await joinOffice(third.ctx, await invitationTo(alone));
        await connect(third, 'quantri');
        await waitFor(() => row(third, articleId)?.text === final, 'B một mình vẫn có bản sửa từ A');
      } finally {
        for (const connection of connections.splice(0)) await connection.close();
        third.close();
      }
    },
  );
});
