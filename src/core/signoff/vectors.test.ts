/**
 * Known-answer vectors for every signed or chained format: the canonical JSON (RFC 8785 of the
 * NFC content), the content hash an approval signs, the exact bytes the Ed25519 signature covers
 * (format 1: the hash's 32 bytes; format 2: the approval message naming article, revision, key, time and
 * chain head),
 * the sealed signing key and password hash as stored, and the audit chain's row hash. The expected
 * values were computed once and frozen here: stored approvals and audit rows depend on them, so a
 * library upgrade or a refactor that changes any of them would void signatures already given.
 * If one of these fails, the change is the bug: never update an expected value to make it pass.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashAuditRow } from '../audit/log';
import { verifyPassword } from '../auth/password';
import { articleContentHash } from './approval';
import { canonicalJson, collectImageHashes, contentHash, type SignedContent } from './canonical';
import { fingerprintOf, signHash, unseal, verifyHash } from './keys';
import { APPROVAL_PURPOSE, approvalMessage, approvalSignatureHolds, signApproval } from './message';

const nfd = (text: string) => text.normalize('NFD');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

/** An article as stored, typed with decomposed marks (as some keyboards and pastes send them). */
function storedArticle() {
  return {
    title: nfd('Festival Huế 2026: “Di sản văn hóa với hội nhập”'),
    summary: nfd('Sáng 15/4, Phòng Văn hóa & Thông tin TP Huế khai mạc tuần lễ.'),
    body: {
      root: {
        children: [
          {
            type: 'heading',
            tag: 'h2',
            version: 1,
            format: '',
            indent: 0,
            direction: 'ltr',
            children: [
              {
                type: 'text',
                version: 1,
                text: nfd('Lễ hội Huế — “Di sản”'),
                format: 1,
                detail: 0,
                mode: 'normal',
                style: '',
              },
            ],
          },
          // Keys in no particular order: the canonical form sorts them.
          {
            children: [
              {
                type: 'text',
                version: 1,
                text: nfd('Phố cổ Hội An đón 1.500 du khách.\tTab, "ngoặc kép", \\ và dòng\nmới'),
                format: 0,
                detail: 0,
                mode: 'normal',
                style: '',
              },
              {
                type: 'link',
                url: 'https://vhtt.hue.gov.vn/?a=1&b=2',
                version: 1,
                children: [
                  { type: 'text', version: 1, text: 'đường dẫn', format: 2, detail: 0, mode: 'normal', style: '' },
                ],
              },
            ],
            textStyle: '',
            textFormat: 0,
            direction: null,
            indent: 0,
            format: '',
            version: 1,
            type: 'paragraph',
          },
          // An upper-case hash and a repeated one: the signed list is lower-case, sorted, without repeats.
          {
            type: 'image',
            version: 1,
            hash: B.toUpperCase(),
            width: 1200,
            height: 800,
            altText: nfd('Ảnh Đại Nội'),
            caption: nfd('Ngọ Môn, Huế'),
            credit: 'Ảnh: Hoàng Lan',
          },
          { type: 'image', version: 1, hash: A, width: 640, height: 427, altText: '', caption: '', credit: '' },
          { type: 'image', version: 1, hash: B, width: 1200, height: 800, altText: '', caption: '', credit: '' },
        ],
        direction: 'ltr',
        format: '',
        indent: 0,
        type: 'root',
        version: 1,
      },
    } as unknown as SignedContent['body'],
    byline: nfd('Huỳnh Thị Ly (Phòng Văn hóa & Thông tin TP Huế)'),
    category: nfd('Văn hóa'),
    tags: [nfd('Huế'), 'Festival', nfd('Di sản')],
    // Empty, as stored before an article has them: left out of what is signed.
    slug: '',
    featuredImage: null as string | null,
  };
}

const BODY_CANONICAL =
  '{"root":{"children":[{"children":[{"detail":0,"format":1,"mode":"normal","style":"","text":"Lễ hội Huế — “Di sản”","type":"text","version":1}],"direction":"ltr","format":"","indent":0,"tag":"h2","type":"heading","version":1},' +
  '{"children":[{"detail":0,"format":0,"mode":"normal","style":"","text":"Phố cổ Hội An đón 1.500 du khách.\\tTab, \\"ngoặc kép\\", \\\\ và dòng\\nmới","type":"text","version":1},' +
  '{"children":[{"detail":0,"format":2,"mode":"normal","style":"","text":"đường dẫn","type":"text","version":1}],"type":"link","url":"https://vhtt.hue.gov.vn/?a=1&b=2","version":1}],"direction":null,"format":"","indent":0,"textFormat":0,"textStyle":"","type":"paragraph","version":1},' +
  '{"altText":"Ảnh Đại Nội","caption":"Ngọ Môn, Huế","credit":"Ảnh: Hoàng Lan","hash":"' +
  B.toUpperCase() +
  '","height":800,"type":"image","version":1,"width":1200},' +
  `{"altText":"","caption":"","credit":"","hash":"${A}","height":427,"type":"image","version":1,"width":640},` +
  `{"altText":"","caption":"","credit":"","hash":"${B}","height":800,"type":"image","version":1,"width":1200}],` +
  '"direction":"ltr","format":"","indent":0,"type":"root","version":1}}';

const ARTICLE_CANONICAL =
  `{"body":${BODY_CANONICAL},"byline":"Huỳnh Thị Ly (Phòng Văn hóa & Thông tin TP Huế)","category":"Văn hóa",` +
  `"imageHashes":["${A}","${B}"],"summary":"Sáng 15/4, Phòng Văn hóa & Thông tin TP Huế khai mạc tuần lễ.",` +
  '"tags":["Huế","Festival","Di sản"],"title":"Festival Huế 2026: “Di sản văn hóa với hội nhập”"}';
const ARTICLE_HASH = '46b761ea90e136747ce281f3b53288a8e0e43687b8ecc794ddee81245066a266';

const ARTICLE_WITH_OPTIONALS_CANONICAL =
  `{"body":${BODY_CANONICAL},"byline":"Huỳnh Thị Ly (Phòng Văn hóa & Thông tin TP Huế)","category":"Văn hóa",` +
  `"featuredImage":"${A}","imageHashes":["${A}","${B}"],"slug":"festival-hue-2026",` +
  '"summary":"Sáng 15/4, Phòng Văn hóa & Thông tin TP Huế khai mạc tuần lễ.",' +
  '"tags":["Huế","Festival","Di sản"],"title":"Festival Huế 2026: “Di sản văn hóa với hội nhập”"}';
const ARTICLE_WITH_OPTIONALS_HASH = '65ecff4d9d3cab0292a0e00bb16702f274d3c20870a34b3c0474d3d7b938e603';

/** RFC 8032 §7.1, test 1: a published Ed25519 key, so the vectors below can be checked anywhere. */
const TEST_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const TEST_PUBLIC_SPKI = 'MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=';
const TEST_FINGERPRINT = '06e3fd8fda29bb60ab59557de61edb0aecdb231134be30e75b455f8e1b792fa9';
const RFC8032_EMPTY_MESSAGE_SIGNATURE =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
const ARTICLE_SIGNATURE = '0molB7vlzRUsb08G8HuowBGTwNxyxq8PNzaxuUn1TYodIRCWn3z7d40bWYsqo6DpmjWMhQv+YlNSrVCxFka8CA==';
const ARTICLE_WITH_OPTIONALS_SIGNATURE =
  'QqFx0MeMNZrc4r5OkytjennRB3y06KBncRRszujNE2OrGWdJB59T2G/vj8UN5cUz1l8u9+8Z9SOvbV+WLGSKCQ==';

function testPrivateKey() {
  // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410).
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(TEST_SEED, 'hex')]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

describe('pinned: canonical JSON (RFC 8785, NFC)', () => {
  it('sorts keys by UTF-16 code units, writes numbers the ECMAScript way, and composes marks in keys', () => {
    const numbers = {
      type: 'x-numbers',
      version: 1,
      values: [0, -0, 1, -1, 1.5, 0.1, 1e21, 1e-7, 9007199254740991, 123456789.125, 2 ** -1074],
    };
    const keys = { z: 1, a: 2, [nfd('Huế')]: 3, é: 4, '€': 5, '\u{1F600}': 6, '\uFB00': 7, A: 8, '1': 9, '': 10 };
    const content = {
      title: 't',
      summary: '',
      body: { root: { children: [numbers, keys], type: 'root' } } as unknown as SignedContent['body'],
      byline: '',
      category: '',
      tags: [],
      imageHashes: [],
    };
    const expected =
      '{"body":{"root":{"children":[{"type":"x-numbers","values":[0,0,1,-1,1.5,0.1,1e+21,1e-7,9007199254740991,123456789.125,5e-324],"version":1},' +
      '{"":10,"1":9,"A":8,"Huế":3,"a":2,"z":1,"é":4,"€":5,"\u{1F600}":6,"\uFB00":7}],"type":"root"}},' +
      '"byline":"","category":"","imageHashes":[],"summary":"","tags":[],"title":"t"}';
    expect(canonicalJson(content)).toBe(expected);
    expect(sha256(expected)).toBe('665dca5aa082c37e17ca85da488ae504aa23e2ed44c70025c1c343ec84c5ae44');
    expect(contentHash(content)).toBe('665dca5aa082c37e17ca85da488ae504aa23e2ed44c70025c1c343ec84c5ae44');
  });

  it('turns an article typed in NFD into exactly these bytes', () => {
    const article = storedArticle();
    // The inputs really are decomposed; the expected text in this file is composed (NFC).
    expect(article.title).not.toBe(article.title.normalize('NFC'));
    expect(ARTICLE_CANONICAL).toBe(ARTICLE_CANONICAL.normalize('NFC'));
    expect(collectImageHashes(article.body)).toEqual([A, B]);
    const { slug: _slug, featuredImage: _image, ...rest } = article;
    expect(canonicalJson({ ...rest, imageHashes: [A, B] })).toBe(ARTICLE_CANONICAL);
    expect(Buffer.byteLength(ARTICLE_CANONICAL, 'utf8')).toBe(1785);
  });
});

describe('pinned: the content hash an approval signs', () => {
  it('is SHA-256 of the canonical form, with slug and featured image only when set', () => {
    expect(sha256(ARTICLE_CANONICAL)).toBe(ARTICLE_HASH);
    expect(articleContentHash(storedArticle())).toBe(ARTICLE_HASH);
    expect(articleContentHash({ ...storedArticle(), slug: '', featuredImage: '' })).toBe(ARTICLE_HASH);

    const withOptionals = { ...storedArticle(), slug: 'festival-hue-2026', featuredImage: A };
    expect(sha256(ARTICLE_WITH_OPTIONALS_CANONICAL)).toBe(ARTICLE_WITH_OPTIONALS_HASH);
    expect(articleContentHash(withOptionals)).toBe(ARTICLE_WITH_OPTIONALS_HASH);
    expect(articleContentHash({ ...withOptionals, featuredImage: null })).not.toBe(ARTICLE_WITH_OPTIONALS_HASH);
  });
});

describe('pinned: what the Ed25519 signature covers', () => {
  it('uses standard Ed25519 keys: the RFC 8032 vector, the stored public key form and its fingerprint', () => {
    const privateKey = testPrivateKey();
    expect(sign(null, Buffer.alloc(0), privateKey).toString('hex')).toBe(RFC8032_EMPTY_MESSAGE_SIGNATURE);
    const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
    expect(spki).toBe(TEST_PUBLIC_SPKI);
    expect(fingerprintOf(TEST_PUBLIC_SPKI)).toBe(TEST_FINGERPRINT);
  });

  it('signs the 32 raw bytes of the content hash, byte for byte the same signature every time', () => {
    const privateKey = testPrivateKey();
    expect(signHash(privateKey, ARTICLE_HASH)).toBe(ARTICLE_SIGNATURE);
    expect(signHash(privateKey, ARTICLE_WITH_OPTIONALS_HASH)).toBe(ARTICLE_WITH_OPTIONALS_SIGNATURE);
    expect(verifyHash(TEST_PUBLIC_SPKI, ARTICLE_HASH, ARTICLE_SIGNATURE)).toBe(true);
    expect(verifyHash(TEST_PUBLIC_SPKI, ARTICLE_WITH_OPTIONALS_HASH, ARTICLE_SIGNATURE)).toBe(false);

    // The message is the digest's bytes, not its hex text and not the canonical JSON.
    const publicKey = createPublicKey({ key: Buffer.from(TEST_PUBLIC_SPKI, 'base64'), format: 'der', type: 'spki' });
    const signature = Buffer.from(ARTICLE_SIGNATURE, 'base64');
    expect(signature).toHaveLength(64);
    expect(verify(null, Buffer.from(ARTICLE_HASH, 'hex'), publicKey, signature)).toBe(true);
    expect(verify(null, Buffer.from(ARTICLE_HASH, 'utf8'), publicKey, signature)).toBe(false);
    expect(verify(null, Buffer.from(ARTICLE_CANONICAL, 'utf8'), publicKey, signature)).toBe(false);
  });
});

describe('pinned: what a format-2 approval signs', () => {
  const statement = {
    articleId: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90',
    revisionId: '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
    contentHash: ARTICLE_WITH_OPTIONALS_HASH,
    keyFingerprint: TEST_FINGERPRINT,
    at: '2026-04-15T03:51:38.000Z',
    // The first row of the pinned audit chain below.
    auditHead: '2e0b564e0a15808e24b862379809a8a9874946d6bb919990e3dd7620ed1ffb9d',
  };
  const MESSAGE =
    '{"articleId":"3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90","at":"2026-04-15T03:51:38.000Z",' +
    '"auditHead":"2e0b564e0a15808e24b862379809a8a9874946d6bb919990e3dd7620ed1ffb9d",' +
    `"contentHash":"${ARTICLE_WITH_OPTIONALS_HASH}","keyFingerprint":"${TEST_FINGERPRINT}",` +
    '"purpose":"bientap/approval/v2","revisionId":"8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"}';
  const SIGNATURE = 'oqrrk6+grgLtjSXEvbNeOqy+V0+64LxDh4xYeIU6Z397a9BraGReKPUwBeMab0+JO2pztNJRFZbNdMjDA7thBA==';
  /** The same approval moved to another article (last digit of the id changed). */
  const OTHER_ARTICLE_SIGNATURE =
    'MX9Y2hv9dwFJ/I31Po7iaY12Hb21T9wanv3mTZxGVsA+9Tee7hjcngEZlP1I3Edb2RJhCpDADJEqmzW/DvYSDg==';
  const stored = (overrides: Record<string, unknown> = {}) => ({
    article_id: statement.articleId,
    revision_id: statement.revisionId,
    content_hash: statement.contentHash,
    key_fingerprint: statement.keyFingerprint,
    at: statement.at,
    signature: SIGNATURE,
    signature_format: 2,
    audit_head: statement.auditHead,
    public_key: TEST_PUBLIC_SPKI,
    ...overrides,
  });

  it('is the RFC 8785 JSON of purpose, article, revision, content hash, key, time and chain head, in UTF-8', () => {
    expect(APPROVAL_PURPOSE).toBe('bientap/approval/v2');
    expect(approvalMessage(statement).toString('utf8')).toBe(MESSAGE);
    expect(approvalMessage(statement)).toHaveLength(412);
    // Field order as given does not matter; the canonical form sorts.
    const reversed = Object.fromEntries(Object.entries(statement).reverse()) as typeof statement;
    expect(approvalMessage(reversed).toString('utf8')).toBe(MESSAGE);
  });

  it('is signed as those bytes, the same signature every time, and names the article it approves', () => {
    const privateKey = testPrivateKey();
    expect(signApproval(privateKey, statement)).toBe(SIGNATURE);
    expect(signApproval(privateKey, { ...statement, articleId: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f91' })).toBe(
      OTHER_ARTICLE_SIGNATURE,
    );
    const publicKey = createPublicKey({ key: Buffer.from(TEST_PUBLIC_SPKI, 'base64'), format: 'der', type: 'spki' });
    expect(verify(null, Buffer.from(MESSAGE, 'utf8'), publicKey, Buffer.from(SIGNATURE, 'base64'))).toBe(true);
    // Not the bare hash (format 1), so a format-1 signature never passes as format 2 or back.
    expect(verify(null, Buffer.from(statement.contentHash, 'hex'), publicKey, Buffer.from(SIGNATURE, 'base64'))).toBe(
      false,
    );
  });

  it('verifies each stored approval by the format recorded with it, and nothing moved or relabelled', () => {
    expect(approvalSignatureHolds(stored())).toBe(true);
    for (const change of [
      { article_id: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f91' },
      { revision_id: '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e40' },
      { content_hash: ARTICLE_HASH },
      { at: '2026-04-15T03:51:39.000Z' },
      { audit_head: GENESIS_HASH },
      { audit_head: null },
      { signature_format: 1 },
      { signature_format: 3 },
      { signature_format: null },
      { revision_id: null },
      { signature: OTHER_ARTICLE_SIGNATURE },
    ]) {
      expect(approvalSignatureHolds(stored(change)), JSON.stringify(change)).toBe(false);
    }
    // Format 1, as approvals given before format 2 were stored: the hash's bytes, whatever else the row says.
    const formatOne = stored({ content_hash: ARTICLE_HASH, signature: ARTICLE_SIGNATURE, signature_format: 1 });
    expect(approvalSignatureHolds(formatOne)).toBe(true);
    expect(approvalSignatureHolds({ ...formatOne, revision_id: null, article_id: 'x' })).toBe(true);
    expect(approvalSignatureHolds({ ...formatOne, signature_format: 2 })).toBe(false);
  });
});

describe('pinned: secrets as stored', () => {
  const PASSWORD = 'Huế mộng mơ 2026';

  it('a sealed signing key in the stored format opens with its password and parameters', async () => {
    const sealed =
      '{"v":1,"kdf":"scrypt","N":1024,"r":8,"p":1,"salt":"YWyI8gSEzLF2E58n5cUuNw==","iv":"etw8S0rEOh+33Al4",' +
      '"tag":"zROLvQ7YCmGwvnxcVHKNlA==","data":"eTQYadJpIASY5x4Y+BskydeeFNful/cFGb3a27Y56K/pXR9GvXixY6J6uLaeZmoE"}';
    const key = await unseal(sealed, nfd(PASSWORD));
    expect(key).not.toBeNull();
    expect(createPublicKey(key!).export({ format: 'der', type: 'spki' }).toString('base64')).toBe(
      'MCowBQYDK2VwAyEA6kDKn9Pa7Wf/e2DWpeNdv9BTHB+9f8q3hlHf/r7cxoY=',
    );
    expect(await unseal(sealed, `${PASSWORD}!`)).toBeNull();
  });

  it('a password hash in the stored format verifies, typed composed or decomposed', async () => {
    const stored = 'scrypt$1024$8$1$77qdpvZ4BYT6VcuErIDpdw==$0PI17+baWEayjjzUQJmfb7CqrqIQlyVEXqChRPV74ag=';
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword(nfd(PASSWORD), stored)).toBe(true);
    expect(await verifyPassword('Hue mong mo 2026', stored)).toBe(false);
  });
});

describe('pinned: the audit chain', () => {
  it('hashes each row as SHA-256 of its canonical JSON, linked to the previous hash; details are not normalized', () => {
    const first = {
      id: '0b9e4f0e-6a0c-4a57-9d2b-4f4d0f6a1c01',
      at: '2026-04-15T03:51:38.000Z',
      actor_id: '5f0c2b8e-1d1a-4c3e-8b7f-2a9d6e4c3b10',
      action: 'user.create',
      subject_id: '5f0c2b8e-1d1a-4c3e-8b7f-2a9d6e4c3b10',
      details: JSON.stringify({
        role: 'admin',
        name: nfd('Quản Trị Viên'),
        n: 1.5,
        nested: { z: [1, 'hai'], a: null },
      }),
      prev_hash: GENESIS_HASH,
    };
    const canonical =
      '{"action":"user.create","actorId":"5f0c2b8e-1d1a-4c3e-8b7f-2a9d6e4c3b10","at":"2026-04-15T03:51:38.000Z",' +
      `"details":{"n":1.5,"name":"${nfd('Quản Trị Viên')}","nested":{"a":null,"z":[1,"hai"]},"role":"admin"},` +
      '"id":"0b9e4f0e-6a0c-4a57-9d2b-4f4d0f6a1c01","prevHash":"0000000000000000000000000000000000000000000000000000000000000000",' +
      '"subjectId":"5f0c2b8e-1d1a-4c3e-8b7f-2a9d6e4c3b10"}';
    const firstHash = '2e0b564e0a15808e24b862379809a8a9874946d6bb919990e3dd7620ed1ffb9d';
    expect(sha256(canonical)).toBe(firstHash);
    expect(hashAuditRow(first)).toBe(firstHash);

    const second = {
      id: '0b9e4f0e-6a0c-4a57-9d2b-4f4d0f6a1c02',
      at: '2026-04-15T03:52:00.000Z',
      actor_id: null,
      action: 'user.disable',
      subject_id: '5f0c2b8e-1d1a-4c3e-8b7f-2a9d6e4c3b11',
      details: '{"via":"cli"}',
      prev_hash: firstHash,
    };
    expect(hashAuditRow(second)).toBe('d804927e22a55ff7f9f7e1372514052d2afc3b72c250a76b8df4fc91b3519dac');
  });
});
