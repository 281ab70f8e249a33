import { createHash, X509Certificate, createPrivateKey } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { ServerStartError } from './errors';

/**
 * The server's TLS identity: an ECDSA P-256 key and a self-signed certificate (CN bientap-office),
 * made on first start and kept in DIR/tls/ for good, because invitations pin the certificate's
 * SHA-256 and a new certificate would look like an impersonation to every workstation.
 *
 * How a client pins it (Node, the `ws` package or `https`): pass the certificate as the only
 * trust anchor and replace the host-name check with a comparison of the certificate's DER SHA-256
 * with the pinned value, so the handshake fails before a single request byte is sent:
 *
 *   { ca: certificatePem,
 *     checkServerIdentity: (_host, cert) =>
 *       sha256(cert.raw) === pinned ? undefined : new Error('Máy chủ trình ra một chứng chỉ khác.') }
 *
 * Node calls checkServerIdentity only once the chain verified against `ca`, so never combine it
 * with `rejectUnauthorized: false`. The certificate is valid from 30 days before it was made (a
 * workstation's clock may be days behind) until 20 years after.
 */
export interface TlsIdentity {
  key: string;
  cert: string;
  /** SHA-256 of the certificate's DER, lower-case hex: what an invitation pins. */
  certSha256: string;
}

const KEY_FILE = 'server.key';
const CERT_FILE = 'server.crt';
const DAY = 86_400_000;

export async function loadOrCreateTls(dataDir: string, host: string): Promise<TlsIdentity> {
  const dir = join(dataDir, 'tls');
  const keyPath = join(dir, KEY_FILE);
  const certPath = join(dir, CERT_FILE);
  const hasKey = existsSync(keyPath);
  const hasCert = existsSync(certPath);
  if (hasKey !== hasCert) {
    throw new ServerStartError(
      `Thư mục ${dir} chỉ còn ${hasKey ? 'khóa' : 'chứng chỉ'} mà thiếu ${hasKey ? 'chứng chỉ' : 'khóa'}. ` +
        'Không tạo chứng chỉ mới vì các máy trạm đã gắn với chứng chỉ cũ; hãy khôi phục tệp từ bản sao lưu.',
    );
  }
  if (hasKey) return readIdentity(keyPath, certPath);

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'bientap-office' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 30 * DAY),
    notAfterDate: new Date(now + 20 * 365 * DAY),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: subjectAltNames(host) },
    ],
  });
  // The key first: a certificate on disk without its key would be refused at the next start.
  writeAtomically(keyPath, pems.private, 0o600);
  writeAtomically(certPath, pems.cert, 0o644);
  return readIdentity(keyPath, certPath);
}

function subjectAltNames(host: string): { type: 2 | 7; value?: string; ip?: string }[] {
  const names: { type: 2 | 7; value?: string; ip?: string }[] = [{ type: 2, value: 'localhost' }];
  if (isIP(host)) {
    names.push({ type: 7, ip: host });
    // Bound to every interface: loopback is still how the server's own machine reaches it.
    if (host === '0.0.0.0' || host === '::') names.push({ type: 7, ip: '127.0.0.1' });
  } else if (host !== 'localhost') {
    names.push({ type: 2, value: host });
  }
  return names;
}

function readIdentity(keyPath: string, certPath: string): TlsIdentity {
  const key = readFileSync(keyPath, 'utf8');
  const cert = readFileSync(certPath, 'utf8');
  try {
    const x509 = new X509Certificate(cert);
    if (!x509.checkPrivateKey(createPrivateKey(key))) throw new Error('mismatch');
    return { key, cert, certSha256: certificateSha256(x509.raw) };
  } catch {
    throw new ServerStartError(
      `Khóa và chứng chỉ trong ${join(keyPath, '..')} không đọc được hoặc không khớp nhau. ` +
        'Hãy khôi phục thư mục tls từ bản sao lưu.',
    );
  }
}

/** SHA-256 of a certificate's DER, lower-case hex. */
export function certificateSha256(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

function writeAtomically(path: string, text: string, mode: number): void {
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w', mode);
  try {
    fchmodSync(fd, mode);
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}
