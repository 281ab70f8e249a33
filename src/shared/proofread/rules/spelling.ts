/**
 * spelling.known, spelling.unknown and spacing.gluedWords. A word passes when it is a well-formed
 * syllable or in the lexicon. All-capital words are abbreviations (the abbreviation rule's business),
 * single letters are list markers or initials. What is left is judged by how sure the fault is:
 * a lowercase word with Vietnamese marks is a typo (error); plain-Latin lowercase words are likely
 * foreign (warning); capitalised words are likely names (suggestion), to keep the noise down.
 */
import { KNOWN_MISSPELLINGS } from '../known';
import { phraseKey, phrasesPattern } from '../phrase';
import { isSyllable, misplacedTone } from '../syllable';
import { convertToneStyle } from '../toneStyle';
import { isAllCaps, isCapitalised, type Word } from '../words';
import type { BlockInput, Hit } from './rule';

const RIGHT = new Map(KNOWN_MISSPELLINGS.map(([wrong, right]) => [wrong, right]));
const KNOWN = phrasesPattern(KNOWN_MISSPELLINGS.map(([wrong]) => wrong));

function matchCase(model: string, right: string): string {
  if (isAllCaps(model)) return right.toUpperCase();
  if (isCapitalised(model)) return right[0]!.toUpperCase() + right.slice(1);
  return right;
}

function known(input: BlockInput): Hit[] {
  const { probe } = input;
  if (!probe || !input.settings.enabled('spelling.known')) return [];
  const hits: Hit[] = [];
  for (const m of probe.matchAll(KNOWN)) {
    const right = RIGHT.get(phraseKey(m[0]));
    if (right) {
      const written = input.text.slice(m.index, m.index + m[0].length);
      const styled = input.settings.toneStyle === 'old' ? convertToneStyle(right, 'old') : right;
      hits.push({
        start: m.index,
        end: m.index + m[0].length,
        rule: 'spelling.known',
        severity: 'error',
        message: `Viết sai chính tả: “${written}”. Sửa thành “${matchCase(written, styled)}”.`,
        fix: matchCase(written, styled),
      });
    }
  }
  return hits;
}

/** `quốcvào` → `quốc vào`: not a syllable, but two syllables side by side, at least one with marks. */
function gluedSplit(word: string): string | null {
  // Two syllables are at most fourteen letters with their marks; trying every cut of a longer run costs its length squared.
  if (word.length > 20 || /^[\p{ASCII}]*$/u.test(word)) return null;
  for (let i = word.length - 1; i > 0; i--) {
    const left = word.slice(0, i);
    const right = word.slice(i);
    if (/^\p{M}/u.test(right)) continue;
    if (isSyllable(left) && isSyllable(right)) return `${left} ${right}`;
  }
  return null;
}

function unknown(word: Word, input: BlockInput): Hit | null {
  const { text } = word;
  const fix = misplacedTone(text);
  if (fix) {
    return {
      start: word.start,
      end: word.end,
      rule: 'spelling.unknown',
      severity: 'error',
      message: `Dấu thanh đặt sai vị trí: “${text}”. Sửa thành “${fix}”.`,
      fix,
    };
  }
  const glued = gluedSplit(text);
  if (glued) {
    if (!input.settings.enabled('spacing.gluedWords')) return null;
    return {
      start: word.start,
      end: word.end,
      rule: 'spacing.gluedWords',
      severity: 'error',
      message: `Hai từ bị dính liền: “${text}”. Thêm dấu cách: “${glued}”.`,
      fix: glued,
    };
  }
  // Letters beyond Latin-1 (ă, ơ, đ, ế, ạ …) and â ê ô mark a Vietnamese word; é or ü alone may be French or German.
  const marked = /[\u0100-\uffffâêôÂÊÔ]/.test(text.normalize('NFC'));
  const capital = isCapitalised(text);
  const severity = capital ? (marked ? 'warning' : 'suggestion') : marked ? 'error' : 'warning';
  const message = capital
    ? `“${text}” không phải là âm tiết tiếng Việt; nếu là tên riêng hoặc từ nước ngoài, hãy thêm vào từ điển của cơ quan.`
    : marked
      ? `“${text}” không phải là âm tiết tiếng Việt hợp lệ. Kiểm tra lại chính tả.`
      : `“${text}” không phải là từ tiếng Việt; nếu là từ nước ngoài được chấp nhận, hãy thêm vào từ điển của cơ quan.`;
  return { start: word.start, end: word.end, rule: 'spelling.unknown', severity, message };
}

export function spelling(input: BlockInput): Hit[] {
  const hits = known(input);
  const covered = (w: Word) => hits.some((h) => w.start < h.end && h.start < w.end);
  const checkUnknown = input.settings.enabled('spelling.unknown') || input.settings.enabled('spacing.gluedWords');
  if (!checkUnknown) return hits;
  for (const word of input.words) {
    const { text } = word;
    if (word.code || text.length < 2 || isAllCaps(text)) continue;
    const nfc = text.normalize('NFC');
    if (isSyllable(nfc) || input.settings.lexicon.has(nfc.toLowerCase()) || covered(word)) continue;
    const hit = unknown(word, input);
    if (hit && input.settings.enabled(hit.rule)) hits.push(hit);
  }
  return hits;
}
