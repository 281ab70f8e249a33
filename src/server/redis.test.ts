import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { findRedisServer, startRedis } from '../../scripts/lib/redis.mjs';
import type { ServerDirectory } from './directory';
import { ServerStartError } from './errors';
import { startOfficeServer, type OfficeServer } from './server';
import { acknowledged, connectClient, newUserKey, removeTempDirs, tempDir, waitFor, type Client } from './testkit';

// Two server processes' worth of the office server on one Redis (in this process: the relay cannot
// tell), each with its own data folder: a change made through either reaches the other's
// workstations and its store, and a Redis outage delays the relay without losing anything.

const ARTICLE = 'article/5c0d7e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f/content';
const OFFICE = 'ab'.repeat(32);
const editor = newUserKey();
const directory: ServerDirectory = {
  keyFor: (fingerprint) =>
    fingerprint === editor.fingerprint
      ? { publicKey: editor.publicKey, userId: 'u-editor', role: 'editor', active: true }
      : null,
};

const servers: OfficeServer[] = [];
const clients: Client[] = [];
const redises: { stop(): Promise<void> }[] = [];

afterEach(async () => {
  for (const made of clients.splice(0)) made.destroy();
  for (const server of servers.splice(0)) await server.close();
  for (const redis of redises.splice(0)) await redis.stop();
});
afterAll(removeTempDirs);

async function redisOn(port?: number) {
  const redis = await startRedis({ port });
  redises.push(redis);
  return redis;
}

async function serverOn(redis: string, log: string[], dataDir = join(tempDir('bientap-redis-'), 'office')) {
  const server = await startOfficeServer({
    dataDir,
    port: 0,
    office: OFFICE,
    redis,
    directory,
    log: (line) => log.push(line),
  });
  servers.push(server);
  return server;
}

function client(server: OfficeServer): Client {
  const made = connectClient(server, ARTICLE, editor);
  clients.push(made);
  return made;
}

/** What the server's own office.sqlite holds of the article. */
function stored(server: OfficeServer): string {
  const doc = new Y.Doc();
  const rows = server.db.prepare('SELECT data FROM document_updates WHERE document = ? ORDER BY id').all(ARTICLE) as {
    data: Buffer;
  }[];
  for (const row of rows) Y.applyUpdate(doc, row.data);
  return doc.getText('body').toString();
}

describe('the office server on Redis', () => {
  it('refuses --redis without an office, and a Redis it cannot reach', async () => {
    const dataDir = tempDir('bientap-redis-');
    await expect(startOfficeServer({ dataDir, port: 0, redis: 'redis://127.0.0.1:1', log: () => {} })).rejects.toThrow(
      /cần khóa văn phòng \(--office\)/,
    );
    const attempt = startOfficeServer({
      dataDir,
      port: 0,
      office: OFFICE,
      redis: 'redis://127.0.0.1:1',
      log: () => {},
    });
    await expect(attempt).rejects.toBeInstanceOf(ServerStartError);
    await expect(attempt).rejects.toThrow(/Không kết nối được Redis redis:\/\/127\.0\.0\.1:1 \(.*ECONNREFUSED/);
  });

  it.skipIf(!findRedisServer())(
    'relays every change to the other process, which stores it, and catches up after Redis was away',
    { timeout: 30_000 },
    async () => {
      const redis = await redisOn();
      const logA: string[] = [];
      const logB: string[] = [];
      const a = await serverOn(redis.url, logA);
      const b = await serverOn(redis.url, logB);
      const onA = client(a);
      const onB = client(b);
      await Promise.all([onA.synced, onB.synced]);
      const textOf = (made: Client) => made.doc.getText('body').toString();

      onA.doc.getText('body').insert(0, 'Một. ');
      await waitFor(() => textOf(onB) === 'Một. ', 'A → B');
      onB.doc.getText('body').insert(5, 'Hai. ');
      await waitFor(() => textOf(onA) === 'Một. Hai. ', 'B → A');

      // Redis goes away: A still takes (and stores) its workstation's edit, and tells B once it is back.
      await redis.stop();
      await waitFor(() => logA.some((line) => line.startsWith('Mất kết nối tới Redis')), 'A biết Redis vắng');
      onA.doc.getText('body').insert(10, 'Ba.');
      await acknowledged(onA);
      await redisOn(redis.port);
      await waitFor(() => textOf(onB) === 'Một. Hai. Ba.', 'B nhận bản sửa lúc Redis vắng', 15_000);
      expect(logB.some((line) => line.startsWith('Đã kết nối lại Redis'))).toBe(true);

      // Each process's own store holds all of it, what it was relayed included.
      expect(stored(a)).toBe('Một. Hai. Ba.');
      expect(stored(b)).toBe('Một. Hai. Ba.');
    },
  );
});
