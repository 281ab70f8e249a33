/**
 * `bientap proofread FILE [--json] [--style old|new] [--fix]`: proofreads a text file, one block
 * per line, with the office's default press abbreviations accepted; `--fix` prints the text with
 * every fix applied instead of the findings.
 * Old files are often not UTF-8: bytes that are not valid UTF-8 are read as Windows-1252, which is
 * also how legacy-font text (TCVN3, VNI) shows up, and the engine then reports it as such.
 */
import { existsSync, readFileSync } from 'node:fs';
import { detectLegacyEncoding } from '../shared/legacy';
import {
  fixAll,
  PRESS_ABBREVIATIONS,
  proofread,
  type Finding,
  type ProofOptions,
  type ToneStyle,
} from '../shared/proofread';

const ENCODING_NAME = { tcvn3: 'TCVN3 (ABC)', vni: 'VNI' } as const;

export class ProofreadUsageError extends Error {}

/** UTF-8 when the bytes are valid UTF-8, otherwise Windows-1252. */
export function decodeText(bytes: Uint8Array): { text: string; windows1252: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), windows1252: false };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), windows1252: true };
  }
}

export interface Located {
  line: number;
  column: number;
  rule: Finding['rule'];
  severity: Finding['severity'];
  message: string;
  fix?: string;
}

/** Line and column are 1-based; the column counts UTF-16 units, as the editor does. */
export function locate(findings: readonly Finding[]): Located[] {
  return findings.map((f) => ({
    line: f.block + 1,
    column: f.start + 1,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    ...(f.fix !== undefined ? { fix: f.fix } : {}),
  }));
}

export function formatLine(f: Located): string {
  const fix = f.fix === undefined ? '' : ` → ${JSON.stringify(f.fix)}`;
  return `${f.line}:${f.column} ${f.rule} ${f.message}${fix}`;
}

export function proofreadFile(
  file: string | undefined,
  flags: { json?: boolean; style?: string; fix?: boolean },
): number {
  if (!file) throw new ProofreadUsageError('Thiếu tên tệp cần soát lỗi.');
  if (!existsSync(file)) throw new ProofreadUsageError(`Không có tệp ${file}.`);
  if (flags.style !== undefined && flags.style !== 'old' && flags.style !== 'new') {
    throw new ProofreadUsageError(`--style phải là old (hòa, thủy) hoặc new (hoà, thuỷ), không phải “${flags.style}”.`);
  }
  const { text, windows1252 } = decodeText(readFileSync(file));
  if (windows1252) console.error('Tệp không phải UTF-8: đã đọc theo bảng mã Windows-1252.');
  const legacy = detectLegacyEncoding(text);
  if (legacy) {
    console.error(
      `Tệp có chữ gõ bằng phông ${ENCODING_NAME[legacy]} cũ: xem các lỗi unicode.legacyFont để chuyển sang Unicode.`,
    );
  }
  const blocks = text.replace(/\r?\n$/, '').split(/\r?\n/);
  const options: ProofOptions = {
    toneStyle: (flags.style as ToneStyle | undefined) ?? null,
    lexicon: [],
    abbreviations: PRESS_ABBREVIATIONS,
  };
  if (flags.fix) {
    process.stdout.write(`${fixAll(blocks, options).join('\n')}\n`);
    return 0;
  }
  const found = locate(proofread(blocks, options));
  if (flags.json) console.log(JSON.stringify(found, null, 2));
  else for (const f of found) console.log(formatLine(f));
  return found.some((f) => f.severity === 'error') ? 1 : 0;
}
