import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requests, startFaultProxy, writes, type FaultProxy } from './faultProxy';

// The proxy in front of a tiny loopback server that records what reached it.

let upstream: http.Server;
let proxy: FaultProxy;
const received: { method: string; url: string; body: string }[] = [];

beforeAll(async () => {
  upstream = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', body: Buffer.concat(chunks).toString() });
      response.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'yes' });
      response.end(JSON.stringify({ ok: true, seen: received.length }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  proxy = await startFaultProxy({ target: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}` });
});
afterAll(async () => {
  await proxy.close();
  await new Promise((resolve) => upstream.close(resolve));
});
beforeEach(() => {
  received.length = 0;
  proxy.clear();
});

const post = (route: string, body = 'Đảng bộ') =>
  fetch(`${proxy.url}/?rest_route=${encodeURIComponent(route)}`, {
    method: 'POST',
    body,
    signal: AbortSignal.timeout(3_000),
  });

describe('fault proxy', () => {
  it('passes requests through unchanged, body and headers', async () => {
    const response = await post('/wp/v2/posts', 'hoà đường');
    expect(response.status).toBe(201);
    expect(response.headers.get('x-upstream')).toBe('yes');
    expect(received).toEqual([{ method: 'POST', url: '/?rest_route=%2Fwp%2Fv2%2Fposts', body: 'hoà đường' }]);
    expect(proxy.log.at(-1)).toMatchObject({ method: 'POST', route: '/wp/v2/posts', fault: 'pass', status: 201 });
  });

  it('drops the connection after the site answered: the site has the request, the client an error', async () => {
    proxy.inject({ kind: 'drop-after-commit' }, { match: writes('/wp/v2/posts') });
    await expect(post('/wp/v2/posts')).rejects.toThrow();
    expect(received).toHaveLength(1);
    // Used up: the next one passes.
    expect((await post('/wp/v2/posts')).status).toBe(201);
  });

  it('answers a status with Retry-After, with or without letting the write through', async () => {
    proxy.inject({ kind: 'status', status: 503, retryAfter: '7' });
    proxy.inject({ kind: 'status', status: 429, retryAfter: '2', commit: true });
    const first = await post('/wp/v2/posts');
    expect([first.status, first.headers.get('retry-after')]).toEqual([503, '7']);
    expect(received).toHaveLength(0);
    const second = await post('/wp/v2/posts');
    expect([second.status, second.headers.get('retry-after')]).toEqual([429, '2']);
    expect(received).toHaveLength(1);
  });

  it('holds an answer past the client’s timeout while the site already has the request', async () => {
    proxy.inject({ kind: 'delay', ms: 1_000 }, { match: requests('GET') });
    expect((await post('/wp/v2/media')).status).toBe(201); // a POST: not matched
    const slow = fetch(`${proxy.url}/?rest_route=/wp/v2/posts`, { signal: AbortSignal.timeout(300) });
    await expect(slow).rejects.toThrow();
    expect(received.map((request) => request.method)).toEqual(['POST', 'GET']);
  });

  it('goes down (refusing, then resetting connections) and comes back up', async () => {
    await proxy.down({ ms: 400 });
    await expect(post('/wp/v2/posts')).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await post('/wp/v2/posts')).status).toBe(201);

    await proxy.down({ mode: 'reset' });
    await expect(post('/wp/v2/posts')).rejects.toThrow();
    await proxy.up();
    expect((await post('/wp/v2/posts')).status).toBe(201);
    expect(received).toHaveLength(2);
  });
});
