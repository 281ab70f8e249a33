import { diffArrays } from 'diff';
import { base64ToBytes, ed25519Verify, hexToBytes, publicKeyFingerprint, sha256Hex, utf8 } from '../crypto';
import { formatPortalDate } from '../date';
import { expectedWords, SignedContentSchema, type SignedContent } from './expected';
import {
  approvalMessageText,
  decodeSeal,
  keyMessage,
  publicationMessage,
  SEAL_FORMAT,
  type KeyCertificate,
  type KeysFile,
  type Seal,
} from './format';
import { contentRegion, findSeal, findTitle, readRegion, type PageImage } from './page';
import { parseSeal } from './schema';
import { imageFileName as fileName } from './sources';
import { wordsOf } from './words';

/**
 * The verifier: given a page's DOM and the office a reader trusts, says whether the page shows
 * exactly what a head of department signed. It runs the same in Node (`bientap verify-page`) and in
 * the site's verification page: web-standard APIs only (WebCrypto's Ed25519 and SHA-256).
 *
 * The checks, in order of the chain of trust: the seal reads; its office is the pinned one; the
 * signer's key is certified by that office and was valid when she signed; her signature covers the
 * approval; the content hashes to what she signed; the office's publication statement binds that
 * approval to this page; the page's words are the content's; its images are the published ones.
 */

export type Verdict = 'intact' | 'changed' | 'invalid' | 'incomplete';
export type CheckId = 'seal' | 'office' | 'signerKey' | 'approval' | 'content' | 'publication' | 'text' | 'images';

export interface Check {
  id: CheckId;
  /** true: holds; false: fails; null: could not be checked. */
  ok: boolean | null;
  message: string;
}

export interface Difference {
  kind: 'title' | 'text' | 'image';
  message: string;
  /** Signed words missing from the page. */
  removed?: string;
  /** Words on the page that were not signed. */
  added?: string;
  /** A few words of the page around the change. */
  context?: string;
  /** The image's `src` as the page writes it. */
  src?: string;
}

export interface VerifyResult {
  verdict: Verdict;
  headline: string;
  checks: Check[];
  differences: Difference[];
  /** Differences found beyond those listed. */
  moreDifferences: number;
  signer: { name: string; fingerprint: string } | null;
  /** When the approval was given (ISO 8601). */
  signedAt: string | null;
  office: { name: string; fingerprint: string } | null;
  /** Whether the office was checked against one the reader trusts (false: the seal's own claim). */
  officePinned: boolean;
  selfApproved: boolean | null;
  auditHead: string | null;
  articleId: string | null;
  publishedAt: string | null;
}

export interface VerifyOptions {
  /** The office fingerprint the reader trusts; without it, the keys file's office is trusted. */
  office?: string | null;
  /** The office's keys file: preferred over the certificate the seal carries. */
  keys?: KeysFile | null;
  /** The bytes of a page image by its `src` as written, or null when they cannot be had. */
  image?: (src: string) => Promise<Uint8Array | null>;
}

export const HEADLINES = {
  intact: 'Bài này đúng như đã được ký duyệt',
  changed: 'Bài trên trang đã bị sửa sau khi ký',
  invalid: 'Dấu ký duyệt không hợp lệ',
  incomplete: 'Chưa kiểm tra được đầy đủ',
  noSeal: 'Trang này không có dấu ký duyệt của Biên Tập',
} as const;

/** Differences listed in full; the rest are counted. */
const MAX_DIFFERENCES = 12;
/** Words of context either side of a change. */
const CONTEXT_WORDS = 4;

const CHECK_ORDER: CheckId[] = ['seal', 'office', 'signerKey', 'approval', 'content', 'publication', 'text', 'images'];
const CRYPTO_CHECKS = new Set<CheckId>(['seal', 'office', 'signerKey', 'approval', 'content', 'publication']);

// ---------------------------------------------------------------------------------------------
// Bytes and keys

/** A time as the portal writes it (`15/04/2026 10:51:38 SA`, Huế time), or the text itself when it is not one. */
export function displayTime(iso: string): string {
  return Number.isFinite(Date.parse(iso)) ? formatPortalDate(iso) : iso;
}

/** RFC 8032's first Ed25519 test vector: its public key as DER SubjectPublicKeyInfo, and its signature of nothing. */
const PROBE_KEY = 'MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=';
const PROBE_SIGNATURE = '5VZDAMNgrHKQhuLMgG6CioSHfx645dl02HPgZSJJAVVfuIIVkKM7rMYeOXAc+bRr0lv18FlbviRlUUFDjnoQCw==';

/**
 * Whether this platform can check the seal at all: WebCrypto exists (a browser offers it only to
 * pages opened over https, from the reader's own disk or from localhost) and verifies Ed25519 (an
 * older browser does not). Without it a seal cannot be judged either way, and saying "invalid"
 * would accuse a good page.
 */
export async function webCryptoReady(): Promise<boolean> {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!subtle) return false;
  try {
    const key = await subtle.importKey('spki', base64ToBytes(PROBE_KEY), { name: 'Ed25519' }, false, ['verify']);
    return await subtle.verify({ name: 'Ed25519' }, key, base64ToBytes(PROBE_SIGNATURE), new Uint8Array());
  } catch {
    return false;
  }
}

/** `1a2b3c4d5e6f7a8b…`: enough to tell keys apart in a sentence; the full one is in the result. */
export function shortFingerprint(fingerprint: string): string {
  return `${fingerprint.slice(0, 16)}…`;
}

/** `1a2b 3c4d …`: a fingerprint in groups of four, for a reader to compare by eye. */
export function groupedFingerprint(fingerprint: string): string {
  return (fingerprint.match(/.{1,4}/g) ?? []).join(' ');
}

// ---------------------------------------------------------------------------------------------
// Text differences

const quoted = (words: readonly string[]) => `"${words.join(' ')}"`;

function describeChange(removed: string[], added: string[]): string {
  if (removed.length && added.length) return `Đã đổi ${quoted(removed)} thành ${quoted(added)}`;
  if (removed.length) return `Đã bỏ ${quoted(removed)}`;
  return `Đã thêm ${quoted(added)}`;
}

/**
 * The most words added and removed a comparison looks for: beyond it the page is another text
 * altogether, and the diff's cost (it grows with the edits) is not worth paying in a reader's
 * browser (a wholly different 6,000-word page takes 11 s uncapped, 70 ms capped).
 */
const MAX_EDIT_LENGTH = 1000;

/** Changes this close together (in words in common) read as one phrase changed: "đổi mới" → "thay đổi". */
const MERGE_GAP = 2;

interface Change {
  removed: string[];
  added: string[];
  /** Where the change starts and ends in the page's words. */
  start: number;
  end: number;
}

/** Word-level differences between the signed words and the page's, each with the page's words around it. */
export function wordDifferences(
  expected: readonly string[],
  actual: readonly string[],
  kind: 'title' | 'text',
): Difference[] {
  const changes: Change[] = [];
  let position = 0;
  let gap: string[] | null = null;
  const chunks = diffArrays([...expected], [...actual], { maxEditLength: MAX_EDIT_LENGTH });
  if (!chunks) {
    return [
      {
        kind,
        message: `${kind === 'title' ? 'Tiêu đề: ' : ''}Chữ trên trang khác hẳn bài đã ký duyệt (quá nhiều chỗ khác để liệt kê: ${expected.length} chữ đã ký, ${actual.length} chữ trên trang).`,
        removed: expected.join(' '),
        added: actual.join(' '),
      },
    ];
  }
  for (const chunk of chunks) {
    if (!chunk.added && !chunk.removed) {
      position += chunk.value.length;
      gap = chunk.value;
      continue;
    }
    let last = changes.at(-1);
    if (last && gap && gap.length <= MERGE_GAP && last.end + gap.length === position) {
      last.removed.push(...gap);
      last.added.push(...gap);
    } else if (!last || last.end !== position) {
      last = { removed: [], added: [], start: position, end: position };
      changes.push(last);
    }
    gap = null;
    if (chunk.removed) last.removed.push(...chunk.value);
    else {
      last.added.push(...chunk.value);
      position += chunk.value.length;
    }
    last.end = position;
  }
  return changes.map(({ removed, added, start, end }) => {
    const context = [
      start > CONTEXT_WORDS ? '…' : '',
      ...actual.slice(Math.max(0, start - CONTEXT_WORDS), end + CONTEXT_WORDS),
      end + CONTEXT_WORDS < actual.length ? '…' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const where = kind === 'title' ? 'Tiêu đề: ' : '';
    return {
      kind,
      message: `${where}${describeChange(removed, added)}${context ? ` (${context})` : ''}`,
      removed: removed.join(' '),
      added: added.join(' '),
      context,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The checks

interface Failure {
  id: CheckId;
  /** The failure as the end of the headline "Dấu ký duyệt không hợp lệ: …". */
  reason: string;
}

class Checks {
  readonly list = new Map<CheckId, Check>();
  readonly reasons = new Map<CheckId, string>();

  pass(id: CheckId, message: string): true {
    this.list.set(id, { id, ok: true, message });
    return true;
  }

  fail(id: CheckId, message: string, reason = message): false {
    this.list.set(id, { id, ok: false, message });
    this.reasons.set(id, reason.charAt(0).toLowerCase() + reason.slice(1));
    return false;
  }

  unknown(id: CheckId, message: string, reason = message): null {
    this.list.set(id, { id, ok: null, message });
    this.reasons.set(id, reason.charAt(0).toLowerCase() + reason.slice(1));
    return null;
  }

  ordered(): Check[] {
    return CHECK_ORDER.flatMap((id) => {
      const check = this.list.get(id);
      return check ? [check] : [];
    });
  }

  firstFailure(predicate: (check: Check) => boolean): Failure | null {
    for (const check of this.ordered()) {
      if (predicate(check)) return { id: check.id, reason: this.reasons.get(check.id) ?? check.message };
    }
    return null;
  }
}

function emptyResult(): VerifyResult {
  return {
    verdict: 'invalid',
    headline: HEADLINES.noSeal,
    checks: [],
    differences: [],
    moreDifferences: 0,
    signer: null,
    signedAt: null,
    office: null,
    officePinned: false,
    selfApproved: null,
    auditHead: null,
    articleId: null,
    publishedAt: null,
  };
}

/** The signer's certificate: from the keys file when one is given, else the one the seal carries. */
function certificateFor(seal: Seal, keys: KeysFile | null | undefined): KeyCertificate | null {
  const wanted = seal.approval.keyFingerprint.toLowerCase();
  if (keys) return keys.keys.find((key) => key.fingerprint.toLowerCase() === wanted) ?? null;
  return seal.signer.fingerprint.toLowerCase() === wanted ? seal.signer : null;
}

async function checkSignerKey(
  checks: Checks,
  seal: Seal,
  options: VerifyOptions,
  officeKey: string | null,
): Promise<KeyCertificate | null> {
  const unknownKey = 'khóa không có trong danh sách của văn phòng';
  const keyName = shortFingerprint(seal.approval.keyFingerprint);
  const certificate = certificateFor(seal, options.keys);
  if (!certificate) {
    checks.fail(
      'signerKey',
      options.keys
        ? `Khóa ký duyệt ${keyName} không có trong danh sách khóa của văn phòng.`
        : `Dấu không kèm chứng nhận cho khóa ký duyệt ${keyName}: khóa không có trong danh sách của văn phòng.`,
      unknownKey,
    );
    return null;
  }
  const fingerprint = await publicKeyFingerprint(certificate.publicKey);
  if (fingerprint !== certificate.fingerprint.toLowerCase()) {
    checks.fail('signerKey', `Chứng nhận khóa ${keyName} không khớp với khóa của nó: ${unknownKey}.`, unknownKey);
    return null;
  }
  if (officeKey === null) {
    checks.unknown(
      'signerKey',
      `Chưa kiểm tra được chứng nhận khóa của ${certificate.name}: chưa có khóa văn phòng tin cậy.`,
    );
    return certificate;
  }
  const certified =
    certificate.office.toLowerCase() === seal.office.fingerprint.toLowerCase() &&
    (await ed25519Verify(officeKey, keyMessage(certificate), certificate.signature));
  if (!certified) {
    checks.fail(
      'signerKey',
      `Chữ ký của văn phòng trên chứng nhận khóa ${keyName} không đúng: ${unknownKey}.`,
      unknownKey,
    );
    return null;
  }
  const at = Date.parse(seal.approval.at);
  const from = Date.parse(certificate.validFrom);
  const until = certificate.validUntil === null ? Infinity : Date.parse(certificate.validUntil);
  if (!Number.isFinite(at) || !(at >= from) || !(at < until)) {
    const expired = Number.isFinite(at) && at >= until;
    checks.fail(
      'signerKey',
      expired
        ? `Khóa của ${certificate.name} đã hết hạn từ ${displayTime(certificate.validUntil ?? '')}, trước lúc ký (${displayTime(seal.approval.at)}): khóa đã hết hạn.`
        : `Khóa của ${certificate.name} chưa có hiệu lực lúc ký (${displayTime(seal.approval.at)}; hiệu lực từ ${displayTime(certificate.validFrom)}).`,
      expired ? 'khóa đã hết hạn' : 'khóa chưa có hiệu lực lúc ký',
    );
    return null;
  }
  checks.pass(
    'signerKey',
    `Khóa của ${certificate.name} (${keyName}) được văn phòng chứng nhận và còn hiệu lực lúc ký.`,
  );
  return certificate;
}

async function checkApproval(checks: Checks, seal: Seal, certificate: KeyCertificate | null): Promise<void> {
  const approval = seal.approval;
  if (!certificate) {
    checks.unknown('approval', 'Chưa kiểm tra được chữ ký duyệt: không có khóa ký đáng tin.');
    return;
  }
  let message: Uint8Array | null = null;
  if (approval.signatureFormat === 2 && approval.revisionId !== null && approval.auditHead !== null) {
    message = utf8(
      approvalMessageText({
        articleId: approval.articleId,
        revisionId: approval.revisionId,
        contentHash: approval.contentHash,
        keyFingerprint: approval.keyFingerprint,
        at: approval.at,
        auditHead: approval.auditHead,
      }),
    );
  } else if (approval.signatureFormat === 1) {
    message = hexToBytes(approval.contentHash);
  }
  if (message && (await ed25519Verify(certificate.publicKey, message, approval.signature))) {
    checks.pass('approval', `Chữ ký duyệt của ${certificate.name} lúc ${displayTime(approval.at)} là đúng.`);
  } else {
    checks.fail(
      'approval',
      `Chữ ký duyệt không phải của ${certificate.name} cho bài này.`,
      'chữ ký duyệt không khớp với bài đã ký',
    );
  }
}

async function checkContent(checks: Checks, seal: Seal): Promise<SignedContent | null> {
  const hash = await sha256Hex(utf8(seal.content));
  if (hash !== seal.approval.contentHash.toLowerCase()) {
    checks.fail(
      'content',
      'Nội dung mang theo trong dấu không phải nội dung đã ký duyệt (mã băm khác).',
      'nội dung trong dấu không phải nội dung đã ký',
    );
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(seal.content) as unknown;
  } catch {
    checks.fail('content', 'Nội dung đã ký duyệt không đọc được (không phải JSON).');
    return null;
  }
  const content = SignedContentSchema.safeParse(parsed);
  if (!content.success) {
    checks.fail('content', 'Nội dung đã ký duyệt thiếu tiêu đề, sapo, thân bài hoặc tác giả.');
    return null;
  }
  checks.pass('content', 'Nội dung trong dấu đúng là nội dung đã ký duyệt.');
  return content.data;
}

async function checkPublication(checks: Checks, seal: Seal, officeKey: string | null): Promise<void> {
  const { signature, ...statement } = seal.publication;
  const approval = seal.approval;
  const bound =
    statement.contentHash.toLowerCase() === approval.contentHash.toLowerCase() &&
    statement.approvalSignature === approval.signature &&
    statement.articleId === approval.articleId;
  if (!bound) {
    checks.fail(
      'publication',
      'Lời xác nhận đăng bài của văn phòng nói về một lần ký duyệt khác.',
      'lời xác nhận đăng bài không khớp với chữ ký duyệt',
    );
    return;
  }
  if (officeKey === null) {
    checks.unknown('publication', 'Chưa kiểm tra được lời xác nhận đăng bài: chưa có khóa văn phòng tin cậy.');
    return;
  }
  const holds =
    statement.office.toLowerCase() === seal.office.fingerprint.toLowerCase() &&
    (await ed25519Verify(officeKey, publicationMessage(statement), signature));
  if (!holds) {
    checks.fail(
      'publication',
      'Chữ ký của văn phòng trên lời xác nhận đăng bài không đúng.',
      'lời xác nhận đăng bài không có chữ ký đúng của văn phòng',
    );
    return;
  }
  checks.pass('publication', `Văn phòng xác nhận đăng bài lúc ${displayTime(statement.publishedAt)}.`);
}

async function checkImages(
  checks: Checks,
  seal: Seal,
  images: readonly PageImage[],
  load: VerifyOptions['image'],
): Promise<Difference[]> {
  const published = seal.publication.images;
  const remaining = new Map<string, number>();
  for (const image of published) {
    const key = image.sha256.toLowerCase();
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  const differences: Difference[] = [];
  const unchecked: string[] = [];
  for (const image of images) {
    let bytes: Uint8Array | null = null;
    if (image.src !== '' && load) {
      try {
        bytes = await load(image.src);
      } catch {
        bytes = null;
      }
    }
    if (!bytes) {
      unchecked.push(image.src);
      continue;
    }
    const hash = await sha256Hex(bytes);
    const left = remaining.get(hash) ?? 0;
    if (left > 0) remaining.set(hash, left - 1);
    else
      differences.push({
        kind: 'image',
        src: image.src,
        message: `Ảnh "${fileName(image.src)}" khác với ảnh đã ký duyệt.`,
      });
  }
  // With as many images as published, each image that matched none is already named; with a
  // different count, the count is a difference of its own.
  if (images.length !== published.length) {
    differences.push({
      kind: 'image',
      message: `Trang có ${images.length} ảnh, bài đã ký duyệt đăng ${published.length} ảnh.`,
    });
  }
  if (differences.length > 0) {
    checks.fail('images', `Ảnh trên trang khác với ảnh đã ký duyệt (${differences.length} chỗ).`, 'ảnh đã bị thay');
  } else if (unchecked.length > 0) {
    const names = unchecked.map((src) => `"${fileName(src) || '(không có địa chỉ)'}"`).join(', ');
    checks.unknown(
      'images',
      `${unchecked.length} ảnh chưa kiểm tra được (không lấy được ảnh: ${names}).`,
      `${unchecked.length} ảnh chưa kiểm tra được`,
    );
  } else {
    checks.pass(
      'images',
      images.length === 0
        ? 'Bài không có ảnh, trang cũng không có ảnh nào khác.'
        : `${images.length} ảnh trên trang đúng là ảnh đã ký duyệt.`,
    );
  }
  return differences;
}

// ---------------------------------------------------------------------------------------------
// The whole page

/** Checks one page. Never throws for anything the page holds: every problem is a check that fails. */
export async function verifyDocument(document: Document, options: VerifyOptions = {}): Promise<VerifyResult> {
  const result = emptyResult();
  const checks = new Checks();
  const found = findSeal(document);
  if (!found) {
    checks.fail('seal', 'Không tìm thấy dấu ký duyệt trên trang.');
    return { ...result, checks: checks.ordered() };
  }

  // (1) The seal reads.
  let json: unknown;
  try {
    json = await decodeSeal(found.encoded);
  } catch {
    checks.fail('seal', 'Dấu ký duyệt trên trang bị hỏng, không đọc được.', 'dấu bị hỏng, không đọc được');
    return finish(result, checks, [], 0);
  }
  const format = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
  if (format !== SEAL_FORMAT) {
    checks.fail(
      'seal',
      `Dấu ký duyệt có định dạng ${JSON.stringify(format ?? null)}, không phải ${SEAL_FORMAT}.`,
      'định dạng dấu không đúng',
    );
    return finish(result, checks, [], 0);
  }
  const parsed = parseSeal(json);
  if ('problem' in parsed) {
    checks.fail('seal', `Dấu ký duyệt thiếu hoặc sai trường ${parsed.problem}.`, 'dấu thiếu hoặc sai trường');
    return finish(result, checks, [], 0);
  }
  const seal = parsed.seal;
  checks.pass(
    'seal',
    found.count > 1
      ? `Đọc được dấu ký duyệt (trang có ${found.count} dấu; đã kiểm tra dấu đầu tiên).`
      : 'Đọc được dấu ký duyệt.',
  );
  result.office = { name: seal.office.name, fingerprint: seal.office.fingerprint.toLowerCase() };
  if (!(await webCryptoReady())) {
    const why =
      'Trình duyệt này không kiểm tra được chữ ký số (cần trình duyệt đời mới, và trang kiểm tra mở qua https hoặc từ tệp trên máy).';
    for (const id of CHECK_ORDER.slice(1))
      checks.unknown(id, id === 'office' ? why : 'Chưa kiểm tra.', 'trình duyệt này không kiểm tra được chữ ký số');
    return finish(result, checks, [], 0);
  }
  result.signedAt = seal.approval.at;
  result.selfApproved = seal.publication.selfApproved;
  result.auditHead = seal.publication.auditHead;
  result.articleId = seal.approval.articleId;
  result.publishedAt = seal.publication.publishedAt;

  // (2) The office.
  const pinned = (options.office ?? options.keys?.office.fingerprint ?? null)?.trim().toLowerCase() ?? null;
  result.officePinned = pinned !== null;
  const officeFingerprint = seal.office.fingerprint.toLowerCase();
  let officeKey: string | null = null;
  if ((await publicKeyFingerprint(seal.office.publicKey)) !== officeFingerprint) {
    checks.fail(
      'office',
      'Khóa văn phòng trong dấu không khớp với mã nhận dạng của chính nó.',
      'khóa văn phòng trong dấu không khớp',
    );
  } else if (pinned === null) {
    officeKey = seal.office.publicKey;
    checks.unknown(
      'office',
      `Chưa đối chiếu được văn phòng: dấu nói là của "${seal.office.name}" (khóa ${groupedFingerprint(officeFingerprint)}); hãy so mã khóa này với mã văn phòng công bố.`,
      'chưa đối chiếu được khóa của văn phòng',
    );
  } else if (pinned !== officeFingerprint) {
    const message = `Trang này được đóng dấu bởi một văn phòng khác (khóa ${shortFingerprint(officeFingerprint)})`;
    checks.fail('office', `${message}, không phải văn phòng có khóa ${shortFingerprint(pinned)}.`, message);
  } else {
    officeKey = seal.office.publicKey;
    checks.pass('office', `Đóng dấu bởi ${seal.office.name} (khóa ${shortFingerprint(officeFingerprint)}).`);
  }
  // Without a trusted office key nothing it certifies can be trusted; unpinned, the seal's own key
  // is used to say whether the seal is at least consistent, and the verdict stays incomplete.
  const trustedOfficeKey = checks.list.get('office')?.ok === false ? null : officeKey;

  // (3)–(6) The signer's key, the approval, the content, the publication statement.
  const certificate = await checkSignerKey(checks, seal, options, trustedOfficeKey);
  if (certificate) result.signer = { name: certificate.name, fingerprint: certificate.fingerprint.toLowerCase() };
  await checkApproval(checks, seal, certificate);
  const content = await checkContent(checks, seal);
  await checkPublication(checks, seal, trustedOfficeKey);

  // (7)–(8) What the page shows.
  const cryptoFailed = [...checks.list.values()].some((check) => CRYPTO_CHECKS.has(check.id) && check.ok === false);
  if (cryptoFailed || !content) {
    const why = 'Chưa so: dấu ký duyệt không hợp lệ.';
    checks.unknown('text', why);
    checks.unknown('images', why);
    return finish(result, checks, [], 0);
  }
  const differences = compareText(checks, document, found.holder, content, seal.publication.shows);
  const region = contentRegion(found.holder, document);
  const imageDifferences = await checkImages(checks, seal, region ? readRegion(region).images : [], options.image);
  const all = [...differences, ...imageDifferences];
  return finish(result, checks, all.slice(0, MAX_DIFFERENCES), Math.max(0, all.length - MAX_DIFFERENCES));
}

function compareText(
  checks: Checks,
  document: Document,
  holder: Element | null,
  content: SignedContent,
  shows: Seal['publication']['shows'],
): Difference[] {
  const expected = expectedWords(content, shows);
  const differences: Difference[] = [];
  if (expected.title) {
    const title = findTitle(document, expected.title);
    if (title === null) {
      differences.push({
        kind: 'title',
        message: `Trang không có tiêu đề (h1); tiêu đề đã ký duyệt là "${expected.title.join(' ')}".`,
        removed: expected.title.join(' '),
        added: '',
      });
    } else {
      differences.push(...wordDifferences(expected.title, title, 'title'));
    }
  }
  const region = contentRegion(holder, document);
  const actual = region ? wordsOf(readRegion(region).text) : [];
  differences.push(...wordDifferences(expected.region, actual, 'text'));
  if (differences.length > 0) {
    checks.fail(
      'text',
      `Chữ trên trang khác với bài đã ký duyệt (${differences.length} chỗ).`,
      `chữ đã bị sửa (${differences.length} chỗ)`,
    );
  } else {
    const count = (expected.title?.length ?? 0) + expected.region.length;
    checks.pass('text', `Chữ trên trang khớp với bài đã ký duyệt (${count} chữ).`);
  }
  return differences;
}

function finish(result: VerifyResult, checks: Checks, differences: Difference[], more: number): VerifyResult {
  const list = checks.ordered();
  const invalid = checks.firstFailure((check) => CRYPTO_CHECKS.has(check.id) && check.ok === false);
  const changed = list.filter((check) => !CRYPTO_CHECKS.has(check.id) && check.ok === false);
  const open = checks.firstFailure((check) => check.ok === null);
  let verdict: Verdict;
  let headline: string;
  if (invalid) {
    verdict = 'invalid';
    headline = `${HEADLINES.invalid}: ${invalid.reason}`;
  } else if (changed.length > 0) {
    verdict = 'changed';
    headline = `${HEADLINES.changed}: ${changed.map((check) => checks.reasons.get(check.id)).join('; ')}`;
  } else if (open) {
    verdict = 'incomplete';
    headline = `${HEADLINES.incomplete}: ${open.reason}`;
  } else {
    verdict = 'intact';
    headline = HEADLINES.intact;
  }
  return { ...result, verdict, headline, checks: list, differences, moreDifferences: more };
}
