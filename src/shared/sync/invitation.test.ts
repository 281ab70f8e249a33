import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  encodeInvitation,
  invitationMessage,
  invitationSecretHash,
  parseInvitation,
  type InvitationPayload,
} from './invitation';

function officeKey() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKey: der.toString('base64'), fingerprint: createHash('sha256').update(der).digest('hex'), privateKey };
}

const office = officeKey();
const payload: InvitationPayload = {
  v: 1,
  server: 'wss://127.0.0.1:8443',
  cert: `sha256:${'c0'.repeat(32)}`,
  office: office.fingerprint,
  officeKey: office.publicKey,
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  secret: 'B'.repeat(43),
  expiresAt: '2026-04-18T08:00:00.000Z',
};
const signed = (p: InvitationPayload, key = office.privateKey) =>
  encodeInvitation(p, sign(null, invitationMessage(p), key).toString('base64'));

describe('invitations', () => {
  it('round-trip through one line of text, whitespace around it ignored', async () => {
    const line = signed(payload);
    expect(line.startsWith('bientap-moi:')).toBe(true);
    expect(line).not.toMatch(/\s/);
    expect(await parseInvitation(`  ${line}\n`)).toMatchObject(payload);
  });

  it('refuse a line signed by another key, naming another key than its fingerprint, or cut short', async () => {
    const other = officeKey();
    await expect(parseInvitation(signed(payload, other.privateKey))).rejects.toThrow(/Chữ ký của văn phòng/);
    await expect(parseInvitation(signed({ ...payload, officeKey: other.publicKey }, other.privateKey))).rejects.toThrow(
      /không khớp với dấu vân tay/,
    );
    const line = signed(payload);
    await expect(parseInvitation(line.slice(0, 40))).rejects.toThrow(/Lời mời bị thiếu hoặc sai ký tự/);
    await expect(parseInvitation(`${line}.x`)).rejects.toThrow(/Lời mời bị thiếu hoặc sai ký tự/);
    await expect(parseInvitation(signed({ ...payload, server: 'ws://127.0.0.1:8443' }))).rejects.toThrow(
      /Lời mời bị thiếu hoặc sai ký tự/,
    );
  });

  it('hash the secret as the server stores it', async () => {
    expect(await invitationSecretHash('B'.repeat(43))).toBe(createHash('sha256').update('B'.repeat(43)).digest('hex'));
  });
});
