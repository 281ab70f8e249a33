import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../core';
import { emptyEditorState } from '../core/articles/editorState';
import { tempDir } from '../core/testkit';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { startWebHost, MAX_BODY_BYTES, type WebHost } from './server';

let dir: string;
let core: Core;
let host: WebHost;

beforeAll(async () => {
  dir = tempDir('bientap-webhost-');
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Biên Tập</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'không được lộ');
  core = openCore({ dataDir: join(dir, 'data') });
  host = await startWebHost({ core, rendererDir: renderer });
});
afterAll(async () => {
  await host.close();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function api(envelope: unknown, headers: Record<string, string> = {}) {
  return send('/api', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-bientap-token': host.token, ...headers },
    body: JSON.stringify(envelope),
  });
}

describe('web host', () => {
  it('listens on loopback only and hands out the token in the URL fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(host.openUrl).toBe(`${host.url}#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the page with the CSP and hardening headers', async () => {
    const page = await send('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Biên Tập');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await send('/assets/app.js')).headers['content-type']).toMatch(/javascript/);
  });

  it('refuses foreign Host headers (DNS rebinding)', async () => {
    const reply = await send('/', { headers: { host: 'evil.example:80' } });
    expect(reply.status).toBe(421);
    const apiReply = await api({ method: 'setup.status', input: {} }, { host: `attacker.test:${host.port}` });
    expect(apiReply.status).toBe(421);
  });

  it('refuses API calls without the token, with a wrong token, or from another origin', async () => {
    const refused: Record<string, string>[] = [
      { 'x-bientap-token': '' },
      { 'x-bientap-token': 'x'.repeat(32) },
      { origin: 'http://evil.example' },
    ];
    for (const headers of refused) {
      const reply = await api({ method: 'setup.status', input: {} }, headers);
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect((await api({ method: 'setup.status', input: {} }, { origin: host.url.slice(0, -1) })).status).toBe(200);
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/%00']) {
      const reply = await send(path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('không được lộ');
    }
  });

  it('answers malformed bodies with typed errors', async () => {
    const headers = { 'content-type': 'application/json', 'x-bientap-token': host.token };
    const notJson = await send('/api', { method: 'POST', headers, body: '{"method": ' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const wrongType = await send('/api', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(JSON.parse(wrongType.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const huge = await send('/api', { method: 'POST', headers, body: Buffer.alloc(MAX_BODY_BYTES + 10, 0x20) });
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body)).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('takes exactly application/json on the API and answers 415 to anything else, before reading it', async () => {
    const envelope = JSON.stringify({
      method: 'setup.createAdmin',
      input: { username: 'quantri', displayName: 'Quản Trị', password: 'mat-khau-rat-dai' },
    });
    for (const type of [
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json-patch+json',
      'application/jsonx',
      'application/json; charset=latin1',
      'application/json, text/plain',
      'application/json;',
      '',
    ]) {
      const reply = await send('/api', {
        method: 'POST',
        headers: { ...(type ? { 'content-type': type } : {}), 'x-bientap-token': host.token },
        body: envelope,
      });
      expect(reply.status, type).toBe(415);
      const error = JSON.parse(reply.body).error;
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(/chỉ nhận dữ liệu JSON/);
    }
    // Nothing was created by any of them.
    const status = await api({ method: 'setup.status', input: {} });
    expect(JSON.parse(status.body)).toEqual({ ok: true, value: { needsAdmin: true } });
    for (const type of [
      'application/json',
      'Application/JSON',
      'application/json; charset=utf-8',
      'application/json;charset="UTF-8"',
    ]) {
      expect((await api({ method: 'setup.status', input: {} }, { 'content-type': type })).status, type).toBe(200);
    }
  });

  it('runs the same API end to end: first administrator, article, save, read back', async () => {
    const setup = JSON.parse(
      (
        await api({
          method: 'setup.createAdmin',
          input: { username: 'quantri', displayName: 'Quản Trị', password: 'mat-khau-rat-dai' },
        })
      ).body,
    );
    expect(setup.ok).toBe(true);
    const session = setup.value.session as string;
    const created = JSON.parse((await api({ method: 'articles.create', session, input: {} })).body);
    const body = emptyEditorState();
    body.root.children = [
      {
        ...body.root.children[0]!,
        children: [{ type: 'text', text: 'Huế', format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
      },
    ];
    const saved = await api({
      method: 'articles.save',
      session,
      input: { id: created.value.id, baseVersion: 1, title: 'Thành phố Huế', summary: '', body },
    });
    expect(saved.status).toBe(200);
    const read = JSON.parse((await api({ method: 'articles.get', session, input: { id: created.value.id } })).body);
    expect(read.value).toMatchObject({ title: 'Thành phố Huế', bodyText: 'Huế', version: 2 });
    const unauth = await api({ method: 'articles.list', input: {} });
    expect(unauth.status).toBe(401);
  });

  it('streams core events to a subscribed page', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/api/events', headers: { 'x-bientap-token': host.token } },
        (res) => {
          expect(res.headers['content-type']).toMatch(/text\/event-stream/);
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (text.includes('articles.changed')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', (error) => (error.message.includes('aborted') ? undefined : reject(error)));
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    const login = JSON.parse(
      (await api({ method: 'auth.login', input: { username: 'quantri', password: 'mat-khau-rat-dai' } })).body,
    );
    await api({ method: 'articles.create', session: login.value.session, input: {} });
    expect(await received).toMatch(/data: \{"event":"articles.changed","payload":\{"id":"[0-9a-f-]{36}"\}\}/);
  });
});
