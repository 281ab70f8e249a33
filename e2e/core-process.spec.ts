import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT } from './support/host';

/**
 * The desktop app's core process as built (out/main/core.js), started the way the main process
 * starts it but as a plain Node child (no Electron binary here): its bundle finds its chunks, the
 * sample article and the site's assets beside it, and it answers over its channel.
 */
function messages(child: ChildProcess) {
  const seen: { type: string; [key: string]: unknown }[] = [];
  child.on('message', (message) => seen.push(message as { type: string }));
  return {
    seen,
    next: async (type: string) => {
      await expect.poll(() => seen.some((m) => m.type === type), { timeout: 20_000 }).toBe(true);
      return seen.find((m) => m.type === type)!;
    },
  };
}

test('the built core process opens the data with the demo article, answers calls and closes the file', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bientap-core-process-'));
  const child = fork(path.join(ROOT, 'out/main/core.js'), [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const inbox = messages(child);
  try {
    child.send({
      type: 'open',
      request: { dataDir, demo: true, secretKey: randomBytes(32), secretsUnavailable: '', legacySecrets: false },
    });
    await inbox.next('ready');
    expect(existsSync(path.join(dataDir, 'bientap.sqlite'))).toBe(true);

    const call = async (id: number, method: string, input: unknown, session: string | null = null) => {
      child.send({ type: 'call', id, envelope: { method, session, input }, client: 'ipc:1' });
      await expect.poll(() => inbox.seen.some((m) => m.type === 'result' && m.id === id)).toBe(true);
      return (inbox.seen.find((m) => m.type === 'result' && m.id === id) as unknown as { result: unknown }).result;
    };
    expect(await call(1, 'setup.status', {})).toEqual({ ok: true, value: { needsAdmin: true } });
    const admin = (await call(2, 'setup.createAdmin', {
      username: 'quantri',
      displayName: 'Quản trị',
      password: 'mật khẩu đủ dài 123',
    })) as { ok: true; value: { session: string } };
    expect(admin.ok).toBe(true);
    // The sample article came from the fixture beside the bundle, once there was an author.
    const listed = (await call(3, 'articles.list', {}, admin.value.session)) as {
      ok: true;
      value: { items: { title: string }[] };
    };
    expect(listed.value.items.map((item) => item.title)).toEqual([expect.stringContaining('an ninh Tổ quốc')]);
    expect(await call(4, 'nope', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await call(5, 'setup.status', 'garbage')).toMatchObject({ ok: false });
    // The core's events come over the same channel.
    expect(await call(6, 'articles.create', { title: 'Bài mới' }, admin.value.session)).toMatchObject({ ok: true });
    expect(await inbox.next('event')).toMatchObject({ event: 'articles.changed' });

    child.send({ type: 'close' });
    await inbox.next('closed');
  } finally {
    child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
