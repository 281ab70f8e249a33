import { describe, expect, it } from 'vitest';
import { PRODUCTION_KDF_COST } from '../auth/kdf';
import { body } from '../reviewkit';
import { TEST_KDF_COST } from '../testkit';
import { canonicalJson, collectImageHashes, contentHash, type SignedContent } from './canonical';
import { fingerprintOf, newKeyPair, reseal, signHash, unseal, verifyHash } from './keys';

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
