/**
 * How a workstation talks to the office server, reduced to what the server's tests need: a user key,
 * a pinned TLS connection (see tls.ts for the pinning rule), a fresh challenge token, a provider.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest, type Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PeerCertificate } from 'node:tls';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { SERVER_AUTH_SCHEME, serverAuthMessage, serverChallengeSchema } from '../shared/sync/auth';

/** What an invitation gives a workstation: where the server is and which certificate it must present. */
export interface ServerPin {
  url: string;
  httpUrl: string;
  cert: string;
  certSha256: string;
}

export interface UserKey {
  publicKey: string;
  privateKey: KeyObject;
  fingerprint: string;
}

export function newUserKey(): UserKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return {
    publicKey: der.toString('base64'),
    privateKey,
    fingerprint: createHash('sha256').update(der).digest('hex'),
  };
}

/** TLS options that accept exactly the pinned certificate and refuse any other before a byte is sent. */
export function pinnedTls(pin: Pick<ServerPin, 'cert' | 'certSha256'>) {
  return {
    ca: pin.cert,
    checkServerIdentity: (_host: string, cert: PeerCertificate): Error | undefined =>
      createHash('sha256').update(cert.raw).digest('hex') === pin.certSha256
        ? undefined
        : new Error('Máy chủ trình ra một chứng chỉ khác với chứng chỉ đã ghim: có thể bị mạo danh.'),
  };
}

/** A WebSocket class for the provider's `WebSocketPolyfill`, pinned to the server's certificate. */
export function pinnedWebSocket(pin: ServerPin): typeof WebSocket {
  const tls = pinnedTls(pin);
  return class PinnedWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      // ws hands these to tls.connect; its typings describe checkServerIdentity with another signature than Node's.
      super(address, protocols ?? [], tls as unknown as WebSocket.ClientOptions);
    }
  } as typeof WebSocket;
}

export interface HttpAnswer {
  status: number;
  body: Buffer;
  json(): unknown;
}

export function httpsCall(
  pin: ServerPin,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: Uint8Array; chunks?: Uint8Array[]; agent?: Agent } = {},
): Promise<HttpAnswer> {
  return new Promise((done, fail) => {
    const req = httpsRequest(
      new URL(path, pin.httpUrl),
      { method, headers: options.headers, agent: options.agent ?? false, ...pinnedTls(pin) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          done({ status: res.statusCode ?? 0, body, json: () => JSON.parse(body.toString('utf8')) });
        });
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    // Several writes and no length: the body goes chunked, as a streaming upload would.
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end(options.body);
  });
}

/** Signs a nonce for this server: the token's JSON. */
export function signToken(user: UserKey, nonce: string, certSha256: string, signWith = user.privateKey): string {
  const signature = sign(null, serverAuthMessage(nonce, certSha256), signWith).toString('base64');
  return JSON.stringify({ fingerprint: user.fingerprint, nonce, signature });
}

export async function fetchNonce(pin: ServerPin): Promise<string> {
  const answer = await httpsCall(pin, 'GET', '/auth/challenge');
  if (answer.status !== 200) throw new Error(`challenge: ${answer.status}`);
  return serverChallengeSchema.parse(answer.json()).nonce;
}

/** A fresh token (one challenge, used once). */
export async function freshToken(pin: ServerPin, user: UserKey): Promise<string> {
  return signToken(user, await fetchNonce(pin), pin.certSha256);
}

export function authorizationHeader(token: string): string {
  return `${SERVER_AUTH_SCHEME} ${Buffer.from(token, 'utf8').toString('base64url')}`;
}

export interface Client {
  provider: HocuspocusProvider;
  doc: Y.Doc;
  /** Reasons the server refused authentication, in order. */
  refusals: string[];
  /** Resolves once the provider has synced with the server. */
  synced: Promise<void>;
  destroy(): void;
}

/** A provider for one document, signing in with a fresh token at each (re)connection. */
export function connectClient(pin: ServerPin, name: string, user: UserKey, doc = new Y.Doc()): Client {
  const refusals: string[] = [];
  let markSynced: () => void = () => {};
  const synced = new Promise<void>((done) => (markSynced = done));
  const provider = new HocuspocusProvider({
    url: pin.url,
    name,
    document: doc,
    token: () => freshToken(pin, user),
    WebSocketPolyfill: pinnedWebSocket(pin),
    onSynced: () => markSynced(),
    onAuthenticationFailed: ({ reason }) => refusals.push(reason),
    // Tests reconnect quickly after a server restart.
    delay: 100,
    minDelay: 100,
    maxDelay: 500,
    jitter: false,
  } as ConstructorParameters<typeof HocuspocusProvider>[0]);
  return { provider, doc, refusals, synced, destroy: () => provider.destroy() };
}

/** Resolves when `check` holds, polling; rejects with `what` after the timeout. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Hết thời gian chờ: ${what}`);
    await new Promise((done) => setTimeout(done, 10));
  }
}

/** Resolves once every local change has been acknowledged by the server (it is on the server's disk). */
export function acknowledged(client: Client, timeoutMs = 5000): Promise<void> {
  return waitFor(() => !client.provider.hasUnsyncedChanges, 'máy chủ xác nhận thay đổi', timeoutMs);
}

// The Hocuspocus wire format, for tests that must send what no provider would.
export function varUint(value: number): number[] {
  const bytes: number[] = [];
  while (value > 0x7f) {
    bytes.push(0x80 | (value & 0x7f));
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return bytes;
}

export function varBytes(bytes: Uint8Array): Uint8Array {
  return Uint8Array.from([...varUint(bytes.length), ...bytes]);
}

export function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((part) => Uint8Array.from(part))));
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The auth message a provider sends first: document name, Auth (2), Token (0), token. */
export function authMessage(name: string, token: string): Uint8Array {
  return concat(varBytes(utf8(name)), [2, 0], varBytes(utf8(token)));
}

/** A sync update message: document name, Sync (0), Update (2), the update's bytes. */
export function updateMessage(name: string, update: Uint8Array): Uint8Array {
  return concat(varBytes(utf8(name)), [0, 2], varBytes(update));
}

/** Reads a server's auth answer: 'accepted' (with its scope) or the refusal's reason. */
export function readAuthAnswer(data: Uint8Array): { accepted: boolean; text: string } {
  let position = 0;
  const uint = (): number => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = data[position++] ?? 0;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  const string = (): string => {
    const length = uint();
    const text = new TextDecoder().decode(data.subarray(position, position + length));
    position += length;
    return text;
  };
  string(); // document name
  if (uint() !== 2) throw new Error('not an auth message');
  const type = uint();
  return { accepted: type === 2, text: string() };
}

const tempDirs: string[] = [];

/** A temp folder that `removeTempDirs` takes away (each test file calls it when done). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
