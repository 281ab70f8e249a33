/**
 * `bientap verify-page FILE|URL [--keys FILE|URL] [--office FINGERPRINT] [--data DIR] [--json]`:
 * checks that a published page (a saved file or an address) shows exactly what a head of
 * department signed, with the same verifier as the site's verification page (src/shared/seal).
 *
 * Which office to trust, strongest first: --office (a fingerprint the reader got from the office
 * itself), else the office of the keys given (--keys, or --data: the office's own database), else,
 * for an address, the keys file the site publishes. Without any, the verdict cannot be better than
 * "chưa kiểm tra được đầy đủ". Exit code: 0 intact, 1 changed or invalid, 2 incomplete or a usage error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openReadOnly } from '../core/db/binding';
import { JSDOM } from 'jsdom';
import { createContext } from '../core/context';
import { DATABASE_FILE } from '../core/dataFile';
import { officeKeysFile } from '../core/seal/keysFile';
import type { KeysFile } from '../shared/seal/format';
import { parseKeysFile } from '../shared/seal/schema';
import { keysFileFrom, keysUrlCandidates } from '../shared/seal/sources';
import { displayTime, groupedFingerprint, verifyDocument, type VerifyResult } from '../shared/seal/verify';

export class VerifyPageUsageError extends Error {}

/** How long one request may take, and the most a page, an image or a keys file may weigh. */
export const FETCH_TIMEOUT_MS = 20_000;
export const MAX_PAGE_BYTES = 10 * 1024 * 1024;
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

const EXIT = { intact: 0, changed: 1, invalid: 1, incomplete: 2 } as const;
const FINGERPRINT = /^[0-9a-fA-F]{64}$/;

const isAddress = (target: string) => /^https?:\/\//i.test(target);

/** A response body up to `limit` bytes; more is an error, not a truncated read. */
async function readCapped(response: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw new Error(`quá ${limit} byte`);
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new Error(`quá ${limit} byte`);
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}

/** GET with a timeout and a size cap; the final address after redirects comes back with the bytes. */
async function download(url: string, limit: number): Promise<{ bytes: Uint8Array; url: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`máy chủ trả lời ${response.status}`);
  }
  return { bytes: await readCapped(response, limit), url: response.url || url };
}

async function bytesOrNull(url: string): Promise<Uint8Array | null> {
  try {
    if (url.startsWith('file:')) return new Uint8Array(readFileSync(fileURLToPath(url)));
    return (await download(url, MAX_IMAGE_BYTES)).bytes;
  } catch {
    return null;
  }
}

async function readKeys(source: string): Promise<KeysFile> {
  let bytes: Uint8Array;
  try {
    bytes = isAddress(source) ? (await download(source, MAX_PAGE_BYTES)).bytes : readFileSync(source);
  } catch (error) {
    throw new VerifyPageUsageError(`Không đọc được tệp khóa ${source}: ${(error as Error).message}.`);
  }
  const keys = keysFileFrom(bytes);
  if (!keys) throw new VerifyPageUsageError(`${source} không phải tệp khóa của Biên Tập (bientap-keys.json).`);
  return keys;
}

/** The office's keys file as its own database holds them now; read only. */
function keysFromDatabase(data: string): KeysFile {
  const file = join(data, DATABASE_FILE);
  if (!existsSync(file)) throw new VerifyPageUsageError(`Không có tệp dữ liệu ${file}.`);
  const db = openReadOnly(file);
  try {
    const keys = officeKeysFile(createContext(db));
    if (!keys)
      throw new VerifyPageUsageError(`Văn phòng trong ${data} chưa có khóa văn phòng: chưa đăng bài nào có dấu.`);
    const parsed = parseKeysFile(keys);
    if (!parsed) throw new Error('The office keys file does not match its schema');
    return parsed;
  } finally {
    db.close();
  }
}

/** The site's own keys file, looked for from the page's folder up to the host's root. */
async function keysFromSite(pageUrl: string): Promise<{ keys: KeysFile; url: string } | null> {
  for (const url of keysUrlCandidates(pageUrl)) {
    const bytes = await bytesOrNull(url);
    const keys = bytes ? keysFileFrom(bytes) : null;
    if (keys) return { keys, url };
  }
  return null;
}

const MARK = { true: '✓', false: '✗', null: '?' } as const;

export function formatResult(result: VerifyResult, notes: readonly string[]): string {
  const lines = [result.headline, ''];
  for (const check of result.checks) lines.push(`${MARK[String(check.ok) as keyof typeof MARK]} ${check.message}`);
  if (result.differences.length > 0) {
    lines.push('', 'Chỗ khác:');
    for (const difference of result.differences) lines.push(`  - ${difference.message}`);
    if (result.moreDifferences > 0) lines.push(`  … và ${result.moreDifferences} chỗ khác nữa.`);
  }
  lines.push('');
  if (result.signer)
    lines.push(
      `Người ký duyệt: ${result.signer.name}${result.signedAt ? `, lúc ${displayTime(result.signedAt)}` : ''}`,
    );
  if (result.selfApproved) lines.push('Tác giả tự ký duyệt bài của mình (văn phòng cho phép).');
  if (result.office) {
    lines.push(
      `Văn phòng: ${result.office.name}`,
      `Mã khóa văn phòng: ${groupedFingerprint(result.office.fingerprint)}`,
    );
  }
  if (result.auditHead) lines.push(`Đầu chuỗi nhật ký khi đăng: ${result.auditHead}`);
  lines.push(...notes);
  return lines.join('\n');
}

export interface VerifyPageFlags {
  keys?: string;
  office?: string;
  data?: string;
  json?: boolean;
}

export async function verifyPageCommand(target: string | undefined, flags: VerifyPageFlags): Promise<number> {
  if (!target)
    throw new VerifyPageUsageError('Thiếu trang cần kiểm tra: tên tệp .html đã lưu hoặc địa chỉ http(s)://…');
  if (flags.office !== undefined && !FINGERPRINT.test(flags.office.trim())) {
    throw new VerifyPageUsageError(
      '--office phải là mã khóa văn phòng: 64 ký tự hex (dấu cách giữa các nhóm thì bỏ đi).',
    );
  }
  if (flags.keys !== undefined && flags.data !== undefined) {
    throw new VerifyPageUsageError('Chỉ dùng một trong --keys và --data.');
  }

  // The page.
  let html: string;
  let pageUrl: string;
  try {
    if (isAddress(target)) {
      const page = await download(target, MAX_PAGE_BYTES);
      html = new TextDecoder().decode(page.bytes);
      pageUrl = page.url;
    } else {
      if (!existsSync(target)) throw new VerifyPageUsageError(`Không có tệp ${target}.`);
      html = readFileSync(target, 'utf8');
      pageUrl = pathToFileURL(target).href;
    }
  } catch (error) {
    if (error instanceof VerifyPageUsageError) throw error;
    console.error(`Không tải được trang ${target}: ${(error as Error).message}.`);
    return 2;
  }

  // The keys and the office to trust.
  const notes: string[] = [];
  let keys: KeysFile | null = null;
  if (flags.keys !== undefined) {
    keys = await readKeys(flags.keys);
    notes.push(`Danh sách khóa: ${flags.keys}.`);
  } else if (flags.data !== undefined) {
    keys = keysFromDatabase(flags.data);
    notes.push(`Danh sách khóa: lấy từ dữ liệu của văn phòng trong ${flags.data}.`);
  } else if (isAddress(pageUrl)) {
    const found = await keysFromSite(pageUrl);
    if (found) {
      keys = found.keys;
      notes.push(`Danh sách khóa: ${found.url} (do chính trang web công bố).`);
    } else {
      notes.push('Không tìm thấy danh sách khóa của trang web; chỉ dùng chứng nhận khóa mang theo trong dấu.');
    }
  }
  const office = flags.office?.trim().toLowerCase() ?? keys?.office.fingerprint.toLowerCase() ?? null;
  if (!flags.office) {
    notes.push(
      office
        ? 'Lưu ý: bạn chưa chỉ định văn phòng (--office); đã tin khóa văn phòng trong danh sách khóa. Hãy so mã khóa văn phòng ở trên với mã văn phòng công bố ở nơi khác.'
        : 'Lưu ý: chưa có văn phòng nào để đối chiếu (--office, --keys hoặc --data); dấu chỉ được kiểm tra là nhất quán với chính nó.',
    );
  }

  const document = new JSDOM(html, { url: pageUrl }).window.document;
  const result = await verifyDocument(document, {
    office,
    keys,
    image: async (src) => {
      let url: string;
      try {
        url = new URL(src, pageUrl).href;
      } catch {
        return null;
      }
      return bytesOrNull(url);
    },
  });

  if (flags.json) {
    console.log(
      JSON.stringify({ ...result, pinnedBy: flags.office ? 'office' : keys ? 'keys' : null, notes }, null, 2),
    );
  } else {
    console.log(formatResult(result, notes));
  }
  return EXIT[result.verdict];
}
