import canonicalize from 'canonicalize';

/**
 * Bytes, hashes, Ed25519 verification and canonical JSON with web-standard APIs only (TextEncoder,
 * atob/btoa, WebCrypto), so the same code checks signatures in Node (the core, the office server,
 * the command line) and in a reader's browser (the site's verification page): the seal of a
 * published page, the office directory, invitations.
 */

/** RFC 8785 JSON (the JSON Canonicalization Scheme): the bytes every signed statement signs. */
export function canonicalJson(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new Error('Không đưa được giá trị này về dạng chuẩn JSON.');
  return json;
}

export const utf8 = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(new TextEncoder().encode(text));

/** Base64 or base64url (with or without padding) to bytes; throws on anything else. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function bytesToBase64url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** SHA-256 as lower-case hex. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A public key's fingerprint: SHA-256 (hex) of its DER encoding given in base64; null when not base64. */
export async function publicKeyFingerprint(publicKey: string): Promise<string | null> {
  try {
    return await sha256Hex(base64ToBytes(publicKey));
  } catch {
    return null;
  }
}

/** Ed25519 (public key: DER SubjectPublicKeyInfo, base64; signature base64); false for anything malformed. */
export async function ed25519Verify(publicKey: string, message: Uint8Array, signature: string): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey('spki', base64ToBytes(publicKey), { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, base64ToBytes(signature), new Uint8Array(message));
  } catch {
    return false;
  }
}
