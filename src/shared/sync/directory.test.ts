import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  appendDirectoryEntries,
  directoryEntryMessage,
  readDirectory,
  verifyDirectory,
  type DirectoryEntry,
  type UnsignedDirectoryEntry,
} from './directory';

interface Key {
  publicKey: string;
  fingerprint: string;
  privateKey: KeyObject;
}

function newKey(): Key {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKey: der.toString('base64'), fingerprint: createHash('sha256').update(der).digest('hex'), privateKey };
}

const office = newKey();
const pinned = { fingerprint: office.fingerprint, publicKey: office.publicKey };
const at = (minute: number) => new Date(Date.UTC(2026, 3, 15, 8, minute)).toISOString();

function entry(
  userId: string,
  signer: Key,
  fields: Partial<UnsignedDirectoryEntry> & { key?: Key } = {},
): DirectoryEntry {
  const { key, ...rest } = fields;
  const unsigned: UnsignedDirectoryEntry = {
    userId,
    username: userId,
    displayName: `Người dùng ${userId}`,
    role: 'reporter',
    byline: userId,
    unit: 'Phòng Văn hóa',
    active: true,
    keys: key ? [{ fingerprint: key.fingerprint, publicKey: key.publicKey, validFrom: at(0), validUntil: null }] : [],
    sealedPrivateKey: null,
    passwordHash: 'scrypt$1024$8$1$c2FsdA==$a2V5',
    updatedAt: at(1),
    ...rest,
    signer: signer.fingerprint,
  };
  const signature = sign(null, directoryEntryMessage(unsigned, office.fingerprint), signer.privateKey).toString(
    'base64',
  );
  return { ...unsigned, signature };
}

const reasons = (rejected: { reason: string }[]) => rejected.map((r) => r.reason);

describe('verifyDirectory', () => {
  const admin = newKey();
  const adminEntry = entry('admin', office, { role: 'admin', key: admin, updatedAt: at(1) });

  it('keeps office-signed entries and entries signed by an active administrator', async () => {
    const reporter = entry('ly', admin, { updatedAt: at(5) });
    const { accounts, rejected } = await verifyDirectory([adminEntry, reporter], pinned);
    expect(rejected).toEqual([]);
    expect([...accounts.keys()].sort()).toEqual(['admin', 'ly']);
  });

  it('rejects a forged entry: an altered field, a signature by another key, garbage', async () => {
    const altered = { ...entry('ly', office), role: 'admin' };
    const stranger = newKey();
    const forged = { ...entry('binh', stranger), signer: office.fingerprint };
    const { accounts, rejected } = await verifyDirectory([altered, forged, { userId: 'x' }, 'rác'], pinned);
    expect(accounts.size).toBe(0);
    expect(reasons(rejected)).toEqual([
      'Mục danh bạ sai định dạng.',
      'Mục danh bạ sai định dạng.',
      'Chữ ký của khóa văn phòng không đúng: mục giả mạo hoặc đã bị sửa.',
      'Chữ ký của khóa văn phòng không đúng: mục giả mạo hoặc đã bị sửa.',
    ]);
  });

  it('does not let a forged copy carrying a genuine signature hide the genuine entry', async () => {
    const genuine = entry('ly', office);
    const copy = { ...genuine, role: 'admin' };
    const { accounts, rejected } = await verifyDirectory([copy, genuine, genuine], pinned);
    expect(accounts.get('ly')?.role).toBe('reporter');
    expect(rejected).toHaveLength(1);
  });

  it('rejects an entry signed by an account that is not an administrator', async () => {
    const head = newKey();
    const headEntry = entry('thuy', office, { role: 'head', key: head });
    const promoted = entry('ly', head, { role: 'admin', updatedAt: at(5) });
    const { accounts, rejected } = await verifyDirectory([headEntry, promoted], pinned);
    expect([...accounts.keys()]).toEqual(['thuy']);
    expect(reasons(rejected)).toEqual([`Người ký (thuy) không phải quản trị viên vào lúc ${at(5)}.`]);
  });

  it('rejects an administrator chain that does not reach the office key, and a cycle of two', async () => {
    const rogue = newKey();
    const rogueAdmin = entry('rogue', rogue, { role: 'admin', key: rogue, updatedAt: at(2) });
    const rogueMade = entry('second', rogue, { role: 'admin', key: newKey(), updatedAt: at(3) });
    const victim = entry('ly', rogue, { updatedAt: at(4) });
    const a = newKey();
    const b = newKey();
    const aByB = entry('a', b, { role: 'admin', key: a, updatedAt: at(2) });
    const bByA = entry('b', a, { role: 'admin', key: b, updatedAt: at(2) });
    const { accounts, rejected } = await verifyDirectory([victim, rogueMade, rogueAdmin, aByB, bByA], pinned);
    expect(accounts.size).toBe(0);
    expect(rejected).toHaveLength(5);
    for (const reason of reasons(rejected)) expect(reason).toMatch(/chuỗi ký không dẫn về khóa văn phòng/);
  });

  it('judges an administrator by the entry in force when she signed: demoted or disabled later counts from then on', async () => {
    const before = entry('ly', admin, { updatedAt: at(5), displayName: 'Ly trước' });
    const demoted = entry('admin', office, { role: 'editor', key: admin, updatedAt: at(10) });
    const after = entry('ly', admin, { updatedAt: at(11), displayName: 'Ly sau' });
    const { accounts, rejected } = await verifyDirectory([adminEntry, before, demoted, after], pinned);
    expect(accounts.get('ly')?.displayName).toBe('Ly trước');
    expect(accounts.get('admin')?.role).toBe('editor');
    expect(reasons(rejected)).toEqual([`Người ký (admin) không phải quản trị viên vào lúc ${at(11)}.`]);

    const disabled = entry('admin', office, { role: 'admin', active: false, key: admin, updatedAt: at(10) });
    const late = await verifyDirectory([adminEntry, disabled, after], pinned);
    expect(reasons(late.rejected)).toEqual([`Tài khoản người ký (admin) đã bị khóa vào lúc ${at(11)}.`]);
  });

  it('lets an administrator sign her own later entry, never her first one', async () => {
    const own = entry('admin', admin, { role: 'admin', key: admin, updatedAt: at(2), displayName: 'Tự sửa' });
    const valid = await verifyDirectory([adminEntry, own], pinned);
    expect(valid.accounts.get('admin')?.displayName).toBe('Tự sửa');
    const alone = await verifyDirectory([own], pinned);
    expect(alone.accounts.size).toBe(0);
  });

  it('refuses a key whose fingerprint is not its hash, and a key used outside its validity', async () => {
    const other = newKey();
    const mismatched = entry('ly', office, {
      keys: [{ fingerprint: other.fingerprint, publicKey: admin.publicKey, validFrom: at(0), validUntil: null }],
    });
    const expiring = entry('admin', office, {
      role: 'admin',
      keys: [{ fingerprint: admin.fingerprint, publicKey: admin.publicKey, validFrom: at(0), validUntil: at(3) }],
    });
    const late = entry('binh', admin, { updatedAt: at(4) });
    const { accounts, rejected } = await verifyDirectory([mismatched, expiring, late], pinned);
    expect([...accounts.keys()]).toEqual(['admin']);
    expect(reasons(rejected)).toEqual([
      'Khóa của tài khoản ly không khớp với dấu vân tay ghi kèm.',
      `Khóa ký của admin không còn hiệu lực vào lúc ${at(4)}.`,
    ]);
  });

  it('takes the latest entry per account, the greater signature at one instant, whatever the order', async () => {
    const first = entry('ly', office, { updatedAt: at(3), displayName: 'Một' });
    const second = entry('ly', office, { updatedAt: at(3), displayName: 'Hai' });
    const older = entry('ly', office, { updatedAt: at(2), displayName: 'Cũ' });
    const winner =
      Buffer.from(first.signature, 'base64').compare(Buffer.from(second.signature, 'base64')) > 0 ? first : second;
    for (const order of [
      [first, second, older],
      [older, second, first],
    ]) {
      const { accounts } = await verifyDirectory(order, pinned);
      expect(accounts.get('ly')?.displayName).toBe(winner.displayName);
    }
  });

  it('rejects everything when the office key is not the pinned one', async () => {
    const other = newKey();
    const { accounts, rejected } = await verifyDirectory([adminEntry], {
      fingerprint: office.fingerprint,
      publicKey: other.publicKey,
    });
    expect(accounts.size).toBe(0);
    expect(reasons(rejected)[0]).toMatch(/Không có khóa công khai của văn phòng/);
  });
});

describe('the directory document', () => {
  it('appends entries once, finds the office key by the pinned fingerprint, and survives a Yjs round trip', async () => {
    const admin = newKey();
    const adminEntry = entry('admin', office, { role: 'admin', key: admin });
    const doc = new Y.Doc();
    appendDirectoryEntries(doc, [adminEntry], office.publicKey);
    appendDirectoryEntries(doc, [adminEntry, entry('ly', admin, { updatedAt: at(4) })], office.publicKey);
    // Someone with write access adds an unsigned entry and a decoy office key: both are ignored.
    doc.getArray('officeKeys').push([newKey().publicKey]);
    doc.getArray('entries').push([{ ...entry('ly', office, { updatedAt: at(9), role: 'admin' }), signature: 'AAAA' }]);

    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(copy.getArray('entries').length).toBe(3);
    expect(copy.getArray('officeKeys').length).toBe(2);
    const { accounts, rejected } = await readDirectory(copy, { fingerprint: office.fingerprint });
    expect(accounts.get('ly')?.role).toBe('reporter');
    expect(accounts.get('admin')?.role).toBe('admin');
    expect(rejected).toHaveLength(1);

    const elsewhere = await readDirectory(copy, { fingerprint: newKey().fingerprint });
    expect(elsewhere.accounts.size).toBe(0);
  });
});
