import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback HTTP proxy that sits between a publishing adapter and its site and misbehaves on
 * request, for tests of what happens when the network does:
 *
 *   const proxy = await startFaultProxy({ target: wordpressUrl });
 *   proxy.inject({ kind: 'drop-after-commit' }, { match: writes('/wp/v2/posts') });
 *   await expect(adapter.publish(...)).rejects.toMatchObject({ kind: 'transient' });
 *
 * Every request without a matching rule passes through unchanged. Rules are taken in the order
 * they were added; each applies `times` times (once by default), then is gone.
 */

export type Fault =
  /** Forward and answer as the site did. */
  | { kind: 'pass' }
  /** Forward, wait for the site's whole answer (so it committed), then reset the client's connection. */
  | { kind: 'drop-after-commit' }
  /** Reset the client's connection without forwarding: the site never sees the request. */
  | { kind: 'reset' }
  /**
   * Answer `status` (e.g. 503, 429) with an optional `Retry-After` header. With `commit` the request
   * is forwarded first and the site's own answer thrown away: the write happened, the client is told
   * otherwise.
   */
  | { kind: 'status'; status: number; retryAfter?: string; commit?: boolean }
  /** Forward at once (the site commits), then hold the answer `ms` before sending it. */
  | { kind: 'delay'; ms: number };

export interface ProxiedRequest {
  method: string;
  /** The REST route (`?rest_route=` or the path after `/wp-json`), else the path. */
  route: string;
  url: string;
}

export interface ProxyLogEntry extends ProxiedRequest {
  fault: Fault['kind'] | 'down';
  /** What the client was answered; undefined when it got no answer. */
  status?: number;
}

export interface InjectOptions {
  match?: (request: ProxiedRequest) => boolean;
  times?: number;
}

export interface DownOptions {
  /** Up again after this long; stays down until `up()` otherwise. */
  ms?: number;
  /** `refuse` (default): nothing listens, connections are refused. `reset`: accepted, then reset at once. */
  mode?: 'refuse' | 'reset';
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: give this to the adapter instead of the site's address. */
  readonly url: string;
  readonly port: number;
  /** Every request seen, in order, with what was done to it. */
  readonly log: ProxyLogEntry[];
  inject(fault: Fault, options?: InjectOptions): void;
  /** Drops the rules not yet used up. */
  clear(): void;
  /** The site goes away: open connections are cut and new ones refused (or reset). */
  down(options?: DownOptions): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** Matches requests by method(s) and REST route: a string matches the route exactly, a RegExp tests it. */
export function requests(methods: string | string[], route?: string | RegExp): (request: ProxiedRequest) => boolean {
  const wanted = (Array.isArray(methods) ? methods : [methods]).map((method) => method.toUpperCase());
  return (request) =>
    wanted.includes(request.method) &&
    (route === undefined || (typeof route === 'string' ? request.route === route : route.test(request.route)));
}

/** POST or DELETE to a route: the requests that change something on the site. */
export function writes(route?: string | RegExp): (request: ProxiedRequest) => boolean {
  return requests(['POST', 'PUT', 'PATCH', 'DELETE'], route);
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'content-length',
]);

function routeOf(url: string): string {
  const parsed = new URL(url, 'http://proxy.invalid');
  const restRoute = parsed.searchParams.get('rest_route');
  if (restRoute) return restRoute;
  const match = /^\/wp-json(\/.*)$/.exec(parsed.pathname);
  return match ? match[1]! : parsed.pathname;
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

interface Upstream {
  status: number;
  headers: http.OutgoingHttpHeaders;
  body: Buffer;
}

function forward(target: URL, request: http.IncomingMessage, body: Buffer): Promise<Upstream> {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
  }
  headers.host = target.host;
  headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const kept: http.OutgoingHttpHeaders = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (!HOP_BY_HOP.has(name) && value !== undefined) kept[name] = value;
          }
          resolve({ status: response.statusCode ?? 502, headers: kept, body: Buffer.concat(chunks) });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function send(response: http.ServerResponse, status: number, headers: http.OutgoingHttpHeaders, body: Buffer): void {
  if (response.destroyed || response.socket?.destroyed) return;
  response.writeHead(status, { ...headers, 'content-length': String(body.length) });
  response.end(body);
}

function resetSocket(socket: Socket | null | undefined): void {
  if (!socket || socket.destroyed) return;
  // A TCP reset where the platform allows it, the way a dropped connection looks from the client.
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

export async function startFaultProxy(options: { target: string; port?: number }): Promise<FaultProxy> {
  const target = new URL(options.target);
  const rules: { fault: Fault; match?: InjectOptions['match']; left: number }[] = [];
  const log: ProxyLogEntry[] = [];
  const sockets = new Set<Socket>();
  let resetting = false;
  let timer: NodeJS.Timeout | null = null;

  const take = (request: ProxiedRequest): Fault => {
    const index = rules.findIndex((rule) => !rule.match || rule.match(request));
    if (index < 0) return { kind: 'pass' };
    const rule = rules[index]!;
    rule.left -= 1;
    if (rule.left <= 0) rules.splice(index, 1);
    return rule.fault;
  };

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    const url = request.url ?? '/';
    const seen: ProxiedRequest = { method: (request.method ?? 'GET').toUpperCase(), route: routeOf(url), url };
    const body = await readBody(request);
    const fault = take(seen);
    const entry: ProxyLogEntry = { ...seen, fault: fault.kind };
    log.push(entry);
    switch (fault.kind) {
      case 'reset':
        resetSocket(request.socket);
        return;
      case 'status': {
        if (fault.commit) await forward(target, request, body);
        const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json; charset=UTF-8' };
        if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
        const payload = { code: 'fault_proxy', message: `Injected ${fault.status}`, data: { status: fault.status } };
        entry.status = fault.status;
        send(response, fault.status, headers, Buffer.from(JSON.stringify(payload)));
        return;
      }
      default: {
        const upstream = await forward(target, request, body);
        if (fault.kind === 'drop-after-commit') {
          resetSocket(request.socket);
          return;
        }
        if (fault.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
        if (!request.socket.destroyed) entry.status = upstream.status;
        send(response, upstream.status, upstream.headers, upstream.body);
      }
    }
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch(() => {
      // The site itself is unreachable: answer as a gateway would.
      if (!response.headersSent && !response.destroyed) send(response, 502, {}, Buffer.from('Bad gateway'));
    });
  });
  server.keepAliveTimeout = 1_000;
  server.on('connection', (socket) => {
    if (resetting) {
      resetSocket(socket);
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) resetSocket(socket);
      if (!server.listening) resolve();
      else server.close(() => resolve());
    });

  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;

  const up = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    resetting = false;
    if (!server.listening) await listen(port);
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    inject(fault, { match, times = 1 } = {}) {
      rules.push({ fault, match, left: times });
    },
    clear() {
      rules.length = 0;
    },
    async down({ ms, mode = 'refuse' } = {}) {
      if (timer) clearTimeout(timer);
      log.push({ method: '-', route: '-', url: '-', fault: 'down' });
      if (mode === 'reset') {
        resetting = true;
        for (const socket of sockets) resetSocket(socket);
      } else {
        await stopListening();
      }
      if (ms !== undefined) {
        timer = setTimeout(() => {
          // Should the port have been taken meanwhile, the next request fails to connect: visible enough.
          up().catch(() => {});
        }, ms);
      }
    },
    up,
    async close() {
      if (timer) clearTimeout(timer);
      timer = null;
      await stopListening();
    },
  };
}
