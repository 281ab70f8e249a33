/**
 * unicode.notNfc and unicode.legacyFont. Decomposed text (from some Mac and PDF sources) looks right
 * but breaks search and signatures, so each such word is reported with its NFC form. Legacy-font
 * text (TCVN3, VNI read as Windows-1252) is reported as runs: from the first to the last word that
 * converts to Vietnamese, inside a stretch with no character beyond Latin-1 (real Vietnamese
 * Unicode has ơ, ư, đ, ế … within a few words, so a stretch without them is the pasted part).
 */
import { detectLegacyEncoding, legacyToUnicode } from '../../legacy';
import { legacyEvidence, tokens } from '../../legacy/detect';
import type { BlockInput, Hit } from './rule';

const NAME = { tcvn3: 'TCVN3 (ABC)', vni: 'VNI' } as const;

function notNfc(text: string): Hit[] {
  if (text === text.normalize('NFC')) return [];
  return Array.from(text.matchAll(/\S+/g))
    .filter((m) => m[0] !== m[0].normalize('NFC'))
    .map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      rule: 'unicode.notNfc' as const,
      severity: 'warning' as const,
      message: `“${m[0].normalize('NFC')}” được gõ ở dạng tổ hợp (không phải NFC). Chuyển về dạng dựng sẵn.`,
      fix: m[0].normalize('NFC'),
    }));
}

function legacy(text: string): Hit[] {
  const encoding = detectLegacyEncoding(text);
  if (!encoding) return [];
  const hits: Hit[] = [];
  for (const stretch of text.matchAll(/[^\u0100-\uffff]+/g)) {
    const words = tokens(stretch[0]);
    if (!words.some((w) => legacyEvidence(w.text, encoding))) continue;
    const changed = words.filter((w) => legacyToUnicode(w.text, encoding) !== w.text);
    const first = changed[0]!;
    const last = changed[changed.length - 1]!;
    const start = stretch.index + first.start;
    const end = stretch.index + last.end;
    const fix = legacyToUnicode(text.slice(start, end), encoding);
    hits.push({
      start,
      end,
      rule: 'unicode.legacyFont',
      severity: 'error',
      message: `Đoạn chữ bị lỗi phông (mã ${NAME[encoding]} cũ). Chuyển sang Unicode: “${fix}”.`,
      fix,
    });
  }
  return hits;
}

export function unicode(input: BlockInput): Hit[] {
  const { text, settings } = input;
  return [
    ...(settings.enabled('unicode.notNfc') ? notNfc(text) : []),
    ...(settings.enabled('unicode.legacyFont') ? legacy(text) : []),
  ];
}
