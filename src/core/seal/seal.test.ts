import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  decodeSeal,
  KEYS_PATH,
  keyMessage,
  publicationMessage,
  SEAL_COMMENT_PREFIX,
  type KeysFile,
  type Seal,
} from '../../shared/seal/format';
import { verifyDatabase } from '../admin/verify';
import { canonicalJson } from '../signoff/canonical';
import { signedContentOf } from '../signoff/approval';
import { deleteAuditRowAndRechain, type TestCore } from '../testkit';
import { publishedSite } from './publishedFixture';

let core: TestCore;
let sessions: Record<string, string>;
let site: string;

afterEach(() => core.close());

const officeVerifies = (publicKey: string, message: Uint8Array, signature: string) =>
  verify(
    null,
    message,
    createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' }),
    Buffer.from(signature, 'base64'),
  );

/** An article with a picture, written by the reporter, approved by the head and published to the static site. */
async function publishedWithImage() {
  const published = await publishedSite();
  ({ core, sessions, site } = published);
  return { id: published.articleId, photo: published.photo, page: readFileSync(published.page, 'utf8') };
}

async function sealOf(page: string): Promise<Seal> {
  const match = new RegExp(`<!-- ${SEAL_COMMENT_PREFIX}([A-Za-z0-9_-]+) -->`).exec(page);
  expect(match).not.toBeNull();
  return (await decodeSeal(match![1]!)) as Seal;
}

describe('the seal on a static page', () => {
  it('carries the signed content, the approval, the certified signer key and the office statement', async () => {
    const { id, photo, page } = await publishedWithImage();
    // Inside the article's own block, after the byline: where a verifier looks for the text it covers.
    expect(page).toMatch(/<p class="tac-gia">[^<]*<\/p>\n<!-- bientap:seal=[A-Za-z0-9_-]+ -->\n<\/div>/);
    const seal = await sealOf(page);
    const article = await core.call('articles.get', { id }, sessions.truongphong);

    expect(seal.content).toBe(canonicalJson(signedContentOf(article)));
    expect(createHash('sha256').update(seal.content, 'utf8').digest('hex')).toBe(article.contentHash);
    expect(seal.approval).toMatchObject({
      articleId: id,
      contentHash: article.contentHash,
      signature: article.latestApproval!.signature,
      signatureFormat: 2,
    });
    expect(seal.signer.name).toBe(article.latestApproval!.approverName);
    expect(officeVerifies(seal.office.publicKey, keyMessage(seal.signer), seal.signer.signature)).toBe(true);
    const { signature, ...statement } = seal.publication;
    expect(officeVerifies(seal.office.publicKey, publicationMessage(statement), signature)).toBe(true);
    expect(statement).toMatchObject({ shows: ['title', 'summary', 'body', 'byline'], selfApproved: false });
    // The page serves the web rendition: the statement binds its bytes to the hash the approval names.
    const served = readFileSync(join(site, 'images', `${photo}.jpg`));
    expect(statement.images).toEqual([{ hash: photo, sha256: createHash('sha256').update(served).digest('hex') }]);
    const [seq, hash] = statement.auditHead.split(':');
    expect(core.db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(Number(seq))).toBe(hash);
  });

  it('publishes the office keys file: the office key certifies the signer key the seal names', async () => {
    const { page } = await publishedWithImage();
    const seal = await sealOf(page);
    const keys = JSON.parse(readFileSync(join(site, KEYS_PATH), 'utf8')) as KeysFile;
    expect(keys.office).toEqual(seal.office);
    const signer = keys.keys.find((key) => key.fingerprint === seal.approval.keyFingerprint)!;
    expect(signer).toMatchObject({ name: seal.signer.name, validUntil: null });
    expect(officeVerifies(keys.office.publicKey, keyMessage(signer), signer.signature)).toBe(true);
    for (const key of keys.keys) expect(key.publicKey).not.toBe(keys.office.publicKey);
  });

  it('records the chain head the page carries, and verify notices when the chain no longer has it', async () => {
    const { id, page } = await publishedWithImage();
    const seal = await sealOf(page);
    const sent = core.db
      .prepare(`SELECT seq, details FROM audit_log WHERE action = 'publishing.sent' AND subject_id = ?`)
      .get(id) as { seq: number; details: string };
    expect(JSON.parse(sent.details).auditHead).toBe(seal.publication.auditHead);
    expect((await verifyDatabase(core.db)).ok).toBe(true);

    // Hide the row the page's head names and recompute the chain: whole again, but not the one the page saw.
    const headSeq = Number(seal.publication.auditHead.split(':')[0]);
    deleteAuditRowAndRechain(core.db, headSeq);
    const report = await verifyDatabase(core.db);
    expect(report.ok).toBe(false);
    expect(report.events.problems).toContainEqual({
      table: 'audit_log',
      seq: sent.seq,
      articleId: id,
      problem: 'publication_head_differs',
    });
  });
});
