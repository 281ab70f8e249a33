import { z } from 'zod';

/**
 * How a workstation proves to the office server who is signed in, without a password: it asks the
 * server for a one-time nonce (`GET /auth/challenge`), signs this message with the user's Ed25519
 * key and sends {fingerprint, nonce, signature} as its token. The message names the server's
 * certificate (the SHA-256 the invitation pins), so a token made for one server is worthless to
 * another, and the version prefix keeps it from ever being mistaken for an approval signature.
 */
export const SERVER_AUTH_CONTEXT = 'bientap/server-auth/v1';

/** The scheme of the HTTP `authorization` header: `Bientap <base64url of the token's JSON>`. */
export const SERVER_AUTH_SCHEME = 'Bientap';

const HEX_64 = /^[0-9a-f]{64}$/;

// Present in Node and every browser; src/shared is compiled without the DOM library, so only this much is declared.
declare const TextEncoder: { new (): { encode(input: string): Uint8Array } };

/** The exact bytes a workstation signs: UTF-8 of `bientap/server-auth/v1\n<nonce>\n<cert sha256>`. */
export function serverAuthMessage(nonce: string, certificateSha256: string): Uint8Array {
  if (!nonce || nonce.includes('\n')) throw new Error('Nonce không hợp lệ.');
  if (!HEX_64.test(certificateSha256)) throw new Error('Mã SHA-256 của chứng chỉ máy chủ không hợp lệ.');
  return new TextEncoder().encode(`${SERVER_AUTH_CONTEXT}\n${nonce}\n${certificateSha256}`);
}

/** The token a workstation presents: its key's fingerprint (SHA-256 hex of the DER public key), the nonce, the signature (base64). */
export const serverAuthTokenSchema = z
  .object({
    fingerprint: z.string().regex(HEX_64),
    nonce: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/),
    signature: z
      .string()
      .regex(/^[A-Za-z0-9+/]+={0,2}$/)
      .max(200),
  })
  .strict();

export type ServerAuthToken = z.infer<typeof serverAuthTokenSchema>;

/** What `GET /auth/challenge` answers. */
export const serverChallengeSchema = z.object({ nonce: z.string(), expiresInSeconds: z.number() });

export type ServerChallenge = z.infer<typeof serverChallengeSchema>;
