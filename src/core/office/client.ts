import { X509Certificate, createHash, sign, type KeyObject } from 'node:crypto';
import { Agent, request as httpsRequest } from 'node:https';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import { z } from 'zod';
import { SERVER_AUTH_SCHEME, serverAuthMessage, serverChallengeSchema } from '../../shared/sync/auth';

/**
 * How a workstation reaches the office server over HTTPS: only ever to the server whose
 * certificate the invitation named. An invitation carries the certificate's SHA-256, not the
 * certificate, so the first contact is a TLS handshake that sends nothing: it reads the presented
 * certificate and compares its hash with the pinned one before a single byte of a request leaves.
 * From then on the certificate itself is the only trust anchor and its hash is checked again at
 * every connection (the rule src/server/tls.ts describes).
 */
export interface OfficeServerPin {
  /** wss://host:port */
  url: string;
  /** SHA-256 (hex) of the certificate's DER. */
  certSha256: string;
  /** The certificate (PEM) once the first handshake fetched and checked it. */
  cert: string;
}

/** A refusal worded for the person at the workstation. */
export class OfficeError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'OfficeError';
  }
}

const impostor = (url: string) =>
  new OfficeError(
    `Máy chủ ở ${url} trình ra một chứng chỉ khác với chứng chỉ trong lời mời: có thể là máy giả mạo. ` +
      'Biên Tập không gửi gì tới máy này. Hãy hỏi quản trị viên trước khi thử lại.',
    'certificate-mismatch',
  );

/** Certificate checks OpenSSL makes against the pinned certificate, the only trust anchor: failing one means another certificate. */
const OTHER_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * The workstation's own words for a failed TLS connection to the pinned server: another certificate
 * (possibly an impostor; nothing was sent), a clock outside the certificate's validity, or null for
 * anything else (unreachable).
 */
export function tlsRefusal(url: string, error: unknown): OfficeError | null {
  if (error instanceof OfficeError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (OTHER_CERTIFICATE.has(code)) return impostor(url);
  if (code === 'CERT_NOT_YET_VALID' || code === 'CERT_HAS_EXPIRED') {
    return new OfficeError(
      `Chứng chỉ của máy chủ ${url} không hợp lệ theo đồng hồ của máy này: hãy kiểm tra ngày giờ của máy.`,
      'certificate-time',
    );
  }
  return null;
}

export const httpsUrlOf = (url: string): string => url.replace(/^wss:/, 'https:');

/** The server's certificate (PEM) if its SHA-256 is the pinned one; nothing is sent to the server. */
export function fetchPinnedCertificate(url: string, certSha256: string, timeoutMs = 10_000): Promise<string> {
  const address = new URL(httpsUrlOf(url));
  return new Promise((done, fail) => {
    // Verification is ours: the certificate is self-signed, so no authority could vouch for it.
    const socket = tlsConnect({
      host: address.hostname.replace(/^\[|\]$/g, ''),
      port: Number(address.port || 443),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const timer = setTimeout(() => {
      socket.destroy();
      fail(new OfficeError(`Không kết nối được tới máy chủ ${url}: quá thời gian chờ.`, 'unreachable'));
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const raw = socket.getPeerCertificate(true)?.raw;
      socket.destroy();
      if (!raw || createHash('sha256').update(raw).digest('hex') !== certSha256) return fail(impostor(url));
      done(new X509Certificate(raw).toString());
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      fail(new OfficeError(`Không kết nối được tới máy chủ ${url}: ${error.message}`, 'unreachable'));
    });
  });
}

/** TLS options accepting exactly the pinned certificate, refused before any request byte is sent. */
export function pinnedTlsOptions(pin: OfficeServerPin) {
  return {
    ca: pin.cert,
    checkServerIdentity: (_host: string, cert: PeerCertificate): Error | undefined =>
      createHash('sha256').update(cert.raw).digest('hex') === pin.certSha256 ? undefined : impostor(pin.url),
  };
}

/**
 * Connections to the pinned server kept open between requests (each still checks the pinned
 * certificate when it is made): many small transfers in a row, as images are, pay one handshake.
 */
export function pinnedAgent(pin: OfficeServerPin, maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets, ...pinnedTlsOptions(pin) });
}

export interface OfficeAnswer {
  status: number;
  /** The answer as JSON when it is JSON, else as text. */
  body: unknown;
  /** The answer's bytes as they came. */
  bytes: Buffer;
}

/** Thrown (as an OfficeError) when an answer grows past `maxBytes`; the request is abandoned. */
export const ANSWER_TOO_LARGE = 'answer-too-large';

/**
 * One request to the pinned server: JSON (`body`) or bytes (`data`) out, the answer read whole,
 * at most `maxBytes` of it (default 64 MiB).
 */
export function officeRequest(
  pin: OfficeServerPin,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: { body?: unknown; data?: Buffer; token?: string; maxBytes?: number; agent?: Agent } = {},
): Promise<OfficeAnswer> {
  const payload =
    options.data ?? (options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body), 'utf8'));
  const headers: Record<string, string> = {};
  if (payload) headers['content-type'] = options.data ? 'application/octet-stream' : 'application/json';
  if (payload) headers['content-length'] = String(payload.length);
  if (options.token)
    headers.authorization = `${SERVER_AUTH_SCHEME} ${Buffer.from(options.token, 'utf8').toString('base64url')}`;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  return new Promise((done, fail) => {
    const req = httpsRequest(
      new URL(path, httpsUrlOf(pin.url)),
      { method, headers, agent: options.agent ?? false, timeout: 30_000, ...pinnedTlsOptions(pin) },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy(new OfficeError(`Máy chủ ${pin.url} trả lời dài quá ${maxBytes} byte.`, ANSWER_TOO_LARGE));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const text = bytes.toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // Not JSON: kept as text for the message.
          }
          done({ status: res.statusCode ?? 0, body, bytes });
        });
        res.on('error', fail);
      },
    );
    req.on('timeout', () => req.destroy(new Error('quá thời gian chờ')));
    req.on('error', (error) =>
      fail(
        error instanceof OfficeError
          ? error
          : (tlsRefusal(pin.url, error) ??
              new OfficeError(`Không kết nối được tới máy chủ ${pin.url}: ${error.message}`, 'unreachable')),
      ),
    );
    req.end(payload);
  });
}

/** A fresh sign-in token for this server: the user's key signs the server's one-time challenge. */
export async function serverToken(
  pin: OfficeServerPin,
  key: { fingerprint: string; privateKey: KeyObject },
  agent?: Agent,
) {
  const answer = await officeRequest(pin, 'GET', '/auth/challenge', { agent });
  const challenge = serverChallengeSchema.safeParse(answer.body);
  if (answer.status !== 200 || !challenge.success) {
    throw new OfficeError(`Máy chủ không cấp mã thử thách đăng nhập (${answer.status}).`, 'challenge');
  }
  const signature = sign(null, serverAuthMessage(challenge.data.nonce, pin.certSha256), key.privateKey);
  return JSON.stringify({
    fingerprint: key.fingerprint,
    nonce: challenge.data.nonce,
    signature: signature.toString('base64'),
  });
}

const refusalSchema = z.object({ error: z.string(), message: z.string() });

/** The server's own message for a refusal, else a generic one with the status. */
export function refusalOf(answer: OfficeAnswer, what: string): OfficeError {
  const refusal = refusalSchema.safeParse(answer.body);
  return refusal.success
    ? new OfficeError(refusal.data.message, refusal.data.error)
    : new OfficeError(`${what}: máy chủ trả lời ${answer.status}.`, `http-${answer.status}`);
}
