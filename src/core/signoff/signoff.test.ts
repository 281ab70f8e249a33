import { describe, expect, it } from 'vitest';
import { PRODUCTION_KDF_COST } from '../auth/kdf';
import { approvedArticle, body, edit, TEXT } from '../reviewkit';
import { openSeededCore, REPLAY_APPROVAL_SQL, tamper, TEST_KDF_COST } from '../testkit';
import { canonicalJson, collectImageHashes, contentHash, type SignedContent } from './canonical';
import { fingerprintOf, newKeyPair, reseal, signHash, unseal, verifyHash, verifyMessage } from './keys';
import { approvalMessage, type StoredApproval } from './message';

const IMAGE_A = 'a'.repeat(64);
const IMAGE_B = 'b'.repeat(64);

function content(): SignedContent {
  return {
    title: 'Festival Huế 2026',
    summary: 'Sapo',
    body: body('Lễ hội Huế diễn ra sôi nổi.'),
    byline: 'Huỳnh Thị Ly (Phòng Văn hóa & Thông tin TP Huế)',
    category: 'Văn hóa',
    tags: ['Huế', 'Festival'],
    imageHashes: [IMAGE_A],
  };
}

describe('the canonical form that is signed', () => {
  it('changes with one character, one image hash, or one tag', () => {
    const base = contentHash(content());
    expect(contentHash({ ...content(), title: 'Festival Huế 2025' })).not.toBe(base);
    expect(contentHash({ ...content(), body: body('Lễ hội Huế diễn ra sôi nổi!') })).not.toBe(base);
    expect(contentHash({ ...content(), imageHashes: [IMAGE_B] })).not.toBe(base);
    expect(contentHash({ ...content(), tags: ['Huế'] })).not.toBe(base);
    expect(contentHash({ ...content(), byline: 'Huỳnh Thị Ly' })).not.toBe(base);
  });

  it('does not change with key order or with decomposed (NFD) marks', () => {
    const original = content();
    const reordered = JSON.parse(
      JSON.stringify({
        tags: original.tags,
        imageHashes: original.imageHashes,
        category: original.category,
        body: { root: Object.fromEntries(Object.entries(original.body.root).reverse()) },
        byline: original.byline,
        summary: original.summary,
        title: original.title,
      }),
    ) as SignedContent;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(original));
    expect(contentHash(reordered)).toBe(contentHash(original));
    const nfd = JSON.parse(JSON.stringify(original).normalize('NFD')) as SignedContent;
    expect(contentHash(nfd)).toBe(contentHash(original));
    expect(canonicalJson(original).startsWith('{"body":')).toBe(true);
  });

  it('finds image hashes anywhere in the body, sorted and without repeats', () => {
    const state = body('x');
    state.root.children.push(
      { type: 'image', hash: IMAGE_B } as never,
      { type: 'paragraph', children: [{ type: 'image', hash: IMAGE_A } as never] },
      { type: 'image', hash: IMAGE_B } as never,
    );
    expect(collectImageHashes(state)).toEqual([IMAGE_A, IMAGE_B]);
  });
});

describe('signing keys', () => {
  it('open only with the right password, survive a password change, and sign verifiably', async () => {
    // Sealed at full cost, resealed at the test cost: each seal carries its own parameters.
    const pair = await newKeyPair('mật khẩu thứ nhất', PRODUCTION_KDF_COST);
    expect(pair.fingerprint).toBe(fingerprintOf(pair.publicKey));
    expect(pair.sealedPrivateKey).not.toContain('PRIVATE');
    expect(await unseal(pair.sealedPrivateKey, 'sai mật khẩu')).toBeNull();
    const resealed = await reseal(pair.sealedPrivateKey, 'mật khẩu thứ nhất', 'mật khẩu thứ hai', TEST_KDF_COST);
    expect(resealed).not.toBeNull();
    expect(await unseal(resealed!, 'mật khẩu thứ nhất')).toBeNull();
    const key = await unseal(resealed!, 'mật khẩu thứ hai');
    const hash = contentHash(content());
    const signature = signHash(key!, hash);
    expect(verifyHash(pair.publicKey, hash, signature)).toBe(true);
    expect(verifyHash(pair.publicKey, contentHash({ ...content(), title: 'x' }), signature)).toBe(false);
    const other = await newKeyPair('khác', TEST_KDF_COST);
    expect(verifyHash(other.publicKey, hash, signature)).toBe(false);
    expect(verifyHash('không phải khóa', hash, signature)).toBe(false);
  });
});

describe('an approval given now', () => {
  it('is stored in format 2: its signature names the article, the approved revision, the key, the time and the chain head', async () => {
    const { core, sessions } = await openSeededCore();
    try {
      const article = await approvedArticle(core, sessions.phongvien!, sessions.truongphong!);
      const row = core.db
        .prepare(
          `SELECT e.*, k.public_key FROM article_events e JOIN user_keys k ON k.fingerprint = e.key_fingerprint
           WHERE e.article_id = ? AND e.kind = 'approved'`,
        )
        .get(article.id) as StoredApproval & { kind: string };
      expect(row).toMatchObject({ signature_format: 2, content_hash: article.contentHash });
      const revision = core.db.prepare('SELECT kind, article_id FROM revisions WHERE id = ?').get(row.revision_id);
      expect(revision).toEqual({ kind: 'approved', article_id: article.id });
      const message = approvalMessage({
        articleId: article.id,
        revisionId: row.revision_id!,
        contentHash: article.contentHash,
        keyFingerprint: row.key_fingerprint!,
        at: row.at,
        auditHead: row.audit_head!,
      });
      expect(verifyMessage(row.public_key!, message, row.signature!)).toBe(true);
      // The chain head it signed is the one its own audit row links to.
      const audited = core.db
        .prepare("SELECT prev_hash FROM audit_log WHERE action = 'workflow.approved' AND subject_id = ?")
        .pluck()
        .get(article.id);
      expect(audited).toBe(row.audit_head);
      expect(verifyHash(row.public_key!, row.content_hash, row.signature!)).toBe(false);
      expect(article.latestApproval).toMatchObject({ valid: true, signature: row.signature });
      const history = await core.call('workflow.history', { articleId: article.id }, sessions.truongphong);
      expect(history.items.find((item) => item.kind === 'approved')?.signatureValid).toBe(true);
    } finally {
      core.close();
    }
  });
});

describe('an approval copied back in', () => {
  it('after an edit and its revert, with the status set back, shows as a copy and cannot be published', async () => {
    const { core, sessions } = await openSeededCore();
    try {
      const article = await approvedArticle(core, sessions.phongvien!, sessions.truongphong!);
      await edit(core, sessions.bientap!, article.id, 'Một chữ khác rồi sửa lại.');
      await edit(core, sessions.bientap!, article.id, TEXT);
      const original = core.db
        .prepare("SELECT seq FROM article_events WHERE article_id = ? AND kind = 'approved'")
        .pluck()
        .get(article.id) as number;
      // The same text as signed: only the copy's being a copy tells it apart from a new sign-off.
      tamper(core.db, REPLAY_APPROVAL_SQL, original);
      tamper(core.db, `UPDATE articles SET status = 'approved' WHERE id = ?`, article.id);
      const now = await core.call('articles.get', { id: article.id }, sessions.truongphong);
      expect(now.contentHash).toBe(article.contentHash);
      expect(now.latestApproval).toMatchObject({ valid: false, problem: 'replayed' });
      const publish = await core.tryCall('workflow.publish', { articleId: article.id }, sessions.truongphong);
      expect(publish.ok).toBe(false);
    } finally {
      core.close();
    }
  });
});
