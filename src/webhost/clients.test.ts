import { Agent, request } from 'node:http';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../core';
import { PAIR_FREE_FAILURES } from '../core/auth/throttle';
import { PASSWORD, TEST_KDF_COST, tempDir } from '../core/testkit';
import { startWebHost, type WebHost } from './server';

let dir: string;
let core: Core;
let host: WebHost;

beforeAll(async () => {
  dir = tempDir('bientap-webhost-clients-');
  mkdirSync(join(dir, 'renderer'));
  core = openCore({ dataDir: join(dir, 'data'), kdfCost: TEST_KDF_COST, publishWorker: false });
  host = await startWebHost({ core, rendererDir: join(dir, 'renderer') });
});
afterAll(async () => {
  await host.close();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One browser connection: every call goes over the same kept-alive socket. */
function connection() {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const call = (method: string, input: unknown) =>
    new Promise<{ status: number; body: { ok: boolean; error?: { code: string; retryAfter?: number } } }>(
      (resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: host.port,
            path: '/api',
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'x-bientap-token': host.token },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()) }),
            );
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ method, session: null, input }));
      },
    );
  return { call, close: () => agent.destroy() };
}

describe('web host clients', () => {
  it('counts sign-in waits per connection: one connection guessing does not hold back another', async () => {
    const attacker = connection();
    const owner = connection();
    try {
      const admin = await owner.call('setup.createAdmin', {
        username: 'quantri',
        displayName: 'Q',
        password: PASSWORD,
      });
      expect(admin.body.ok).toBe(true);
      const wrong = { username: 'quantri', password: 'sai-mat-khau-roi' };
      for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
        expect(await attacker.call('auth.login', wrong)).toMatchObject({
          status: 401,
          body: { error: { code: 'INVALID_CREDENTIALS' } },
        });
      }
      expect(await attacker.call('auth.login', { ...wrong, password: PASSWORD })).toMatchObject({
        status: 429,
        body: { ok: false, error: { code: 'TOO_MANY_ATTEMPTS', retryAfter: 1 } },
      });
      expect(await owner.call('auth.login', { ...wrong, password: PASSWORD })).toMatchObject({
        status: 200,
        body: { ok: true },
      });
    } finally {
      attacker.close();
      owner.close();
    }
  });
});
