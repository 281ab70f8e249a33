/**
 * Vietnamese syllable orthography, from the rules of the written language rather than a word list:
 * onset + (medial o/u) + nucleus + coda + one tone, with the spelling constraints (c/k, g/gh, ng/ngh,
 * qu, gi), the stop-coda tone restriction (-p/-t/-c/-ch take only sắc or nặng) and tone-mark placement.
 * A word list would need a licence (see README.md); the orthography does not.
 */
import type { ToneStyle } from './types';

export type Tone = 'ngang' | 'sac' | 'huyen' | 'hoi' | 'nga' | 'nang';

const TONE_OF_MARK: Record<string, Tone> = {
  '\u0301': 'sac',
  '\u0300': 'huyen',
  '\u0309': 'hoi',
  '\u0303': 'nga',
  '\u0323': 'nang',
};
const MARK_OF_TONE: Record<Tone, string> = {
  ngang: '',
  sac: '\u0301',
  huyen: '\u0300',
  hoi: '\u0309',
  nga: '\u0303',
  nang: '\u0323',
};
const VOWEL_MARKS = /[\u0302\u0306\u031b]/;
const LETTER = /^[a-zđăâêôơư]$/;

const ONSETS = [
  'ngh',
  'ng',
  'nh',
  'ch',
  'gh',
  'gi',
  'kh',
  'ph',
  'qu',
  'th',
  'tr',
  'b',
  'c',
  'd',
  'đ',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'x',
  '',
];
/** Written nuclei, longest first; `yê` and `y` are spellings of `iê` and `i`. */
const NUCLEI = ['iê', 'yê', 'uô', 'ươ', 'oo', 'a', 'ă', 'â', 'e', 'ê', 'i', 'y', 'o', 'ô', 'ơ', 'u', 'ư'];
const CANONICAL: Record<string, string> = { yê: 'iê', y: 'i' };

/** Codas each nucleus takes; `a` after i/u/ư is the open diphthong (ia, ua, ưa). */
const CODAS: Record<string, readonly string[]> = {
  a: ['', 'c', 'ch', 'i', 'm', 'n', 'ng', 'nh', 'o', 'p', 't', 'u', 'y'],
  ă: ['c', 'm', 'n', 'ng', 'p', 't'],
  â: ['c', 'm', 'n', 'ng', 'p', 't', 'u', 'y'],
  e: ['', 'c', 'm', 'n', 'ng', 'o', 'p', 't'],
  ê: ['', 'ch', 'm', 'n', 'nh', 'p', 't', 'u'],
  i: ['', 'a', 'ch', 'm', 'n', 'nh', 'p', 't', 'u'],
  iê: ['c', 'm', 'n', 'ng', 'p', 't', 'u'],
  o: ['', 'c', 'i', 'm', 'n', 'ng', 'p', 't'],
  oo: ['c', 'ng'],
  ô: ['', 'c', 'i', 'm', 'n', 'ng', 'p', 't'],
  ơ: ['', 'i', 'm', 'n', 'p', 't'],
  u: ['', 'a', 'c', 'i', 'm', 'n', 'ng', 'p', 't'],
  uô: ['c', 'i', 'm', 'n', 'ng', 't'],
  ư: ['', 'a', 'c', 'i', 'm', 'n', 'ng', 't', 'u'],
  ươ: ['c', 'i', 'm', 'n', 'ng', 'p', 't', 'u'],
};
/** Rhymes with a medial (hoa, hoắc, khoẻ, tuân, thuế, thuỷ, khuya, thuở). */
const WITH_MEDIAL: Record<'o' | 'u', Record<string, readonly string[]>> = {
  o: {
    a: ['', 'c', 'ch', 'i', 'm', 'n', 'ng', 'nh', 'o', 'p', 't', 'y'],
    ă: ['c', 'm', 'n', 'ng', 't'],
    e: ['', 'n', 'o', 't'],
  },
  u: {
    â: ['n', 'ng', 't', 'y'],
    ê: ['', 'ch', 'n', 'nh'],
    i: ['', 'a', 'ch', 'n', 'nh', 'p', 't', 'u'],
    iê: ['n', 't'],
    ơ: [''],
  },
};
const STOPS = new Set(['c', 'ch', 'p', 't']);
const FRONT = new Set(['i', 'y', 'e', 'ê']);

export interface Syllable {
  /** Letters as written (case kept), tone removed, each one code point. */
  letters: string[];
  tone: Tone;
  /** Index in `letters` carrying the tone mark, -1 for ngang. */
  toneAt: number;
  /** Where the tone belongs; two places for open oa/oe/uy, where the styles differ. */
  placements: { new: number; old: number };
  /** Which house style the written mark follows, only where the styles differ. */
  style: ToneStyle | null;
}

interface Shape {
  medialAt: number;
  nucleusAt: number;
  nucleusLength: number;
  coda: string;
}

/** Splits into letters and one tone; null when it has other characters or two tones. */
function split(word: string): { letters: string[]; tone: Tone; toneAt: number } | null {
  const letters: string[] = [];
  let tone: Tone = 'ngang';
  let toneAt = -1;
  for (const ch of word.normalize('NFD')) {
    const t = TONE_OF_MARK[ch];
    if (t) {
      if (toneAt >= 0 || letters.length === 0) return null;
      tone = t;
      toneAt = letters.length - 1;
    } else if (VOWEL_MARKS.test(ch)) {
      if (letters.length === 0) return null;
      letters[letters.length - 1] = (letters[letters.length - 1]! + ch).normalize('NFC');
    } else {
      letters.push(ch);
    }
  }
  return { letters, tone, toneAt };
}

function rhyme(rest: string, offset: number, onset: string): Shape | null {
  for (const medial of ['o', 'u', ''] as const) {
    if (medial && (!rest.startsWith(medial) || onset === 'qu')) continue;
    const r = rest.slice(medial.length);
    for (const written of NUCLEI) {
      if (!r.startsWith(written)) continue;
      const nucleus = CANONICAL[written] ?? written;
      const coda = r.slice(written.length);
      if (medial === 'u' && (nucleus === 'i' || nucleus === 'iê') && written[0] !== 'y') continue;
      const allowed = medial ? WITH_MEDIAL[medial][nucleus] : CODAS[nucleus];
      if (!allowed?.includes(coda)) continue;
      return { medialAt: medial ? offset : -1, nucleusAt: offset + medial.length, nucleusLength: written.length, coda };
    }
  }
  return null;
}

function onsetFits(onset: string, first: string, shape: Shape): boolean {
  const front = FRONT.has(first);
  switch (onset) {
    case 'c':
      return !front && shape.medialAt < 0;
    case 'k':
      return front;
    case 'g':
    case 'ng':
      return !front;
    case 'gh':
    case 'ngh':
      return front;
    case 'qu':
      return first !== 'u' && first !== 'ư' && first !== 'o';
    default:
      return true;
  }
}

function shapeOf(lower: string): Shape | null {
  for (const onset of ONSETS) {
    if (!lower.startsWith(onset)) continue;
    const rest = lower.slice(onset.length);
    if (onset === 'gi') {
      // `gì`, `gìn`, `giếng`: the i of gi doubles as the vowel.
      const shared = rhyme(`i${rest}`, onset.length - 1, onset);
      if (shared && !/^[aăâeoôơuưy]/.test(rest)) return shared;
    }
    if (rest === '') continue;
    const shape = rhyme(rest, onset.length, onset);
    if (shape && onsetFits(onset, rest[0]!, shape)) return shape;
  }
  return null;
}

const cache = new Map<string, Syllable | null>();

/** Parses one word as a Vietnamese syllable, or null when the orthography does not allow it. */
export function parseSyllable(word: string): Syllable | null {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const result = parse(word);
  if (cache.size > 50_000) cache.clear();
  cache.set(word, result);
  return result;
}

function parse(word: string): Syllable | null {
  const parts = split(word);
  if (!parts || parts.letters.length === 0) return null;
  const lower = parts.letters.map((l) => l.toLowerCase());
  if (!lower.every((l) => LETTER.test(l))) return null;
  const shape = shapeOf(lower.join(''));
  if (!shape) return null;
  if (STOPS.has(shape.coda) && parts.tone !== 'sac' && parts.tone !== 'nang') return null;
  const newAt = shape.nucleusAt + shape.nucleusLength - 1;
  // Open oa, oe, uy: a medial, a plain one-letter nucleus and no coda.
  const open = shape.medialAt >= 0 && shape.coda === '' && 'aeiy'.includes(lower[newAt]!);
  const oldAt = open ? shape.medialAt : newAt;
  let style: ToneStyle | null = null;
  if (parts.tone !== 'ngang') {
    if (parts.toneAt !== newAt && parts.toneAt !== oldAt) return null;
    if (newAt !== oldAt) style = parts.toneAt === newAt ? 'new' : 'old';
  }
  return { ...parts, placements: { new: newAt, old: oldAt }, style };
}

export function isSyllable(word: string): boolean {
  return parseSyllable(word) !== null;
}

/** Writes the letters back with the tone at `at`, NFC. */
export function withToneAt(syllable: Syllable, at: number): string {
  const mark = MARK_OF_TONE[syllable.tone];
  return syllable.letters.map((l, i) => (i === at ? (l + mark).normalize('NFC') : l)).join('');
}

/**
 * The correct spelling of a word whose only fault is where the tone mark sits (`tóan` → `toán`),
 * or null. Tried by moving the mark to each vowel in turn.
 */
export function misplacedTone(word: string): string | null {
  const parts = split(word);
  if (!parts || parts.tone === 'ngang') return null;
  for (let i = 0; i < parts.letters.length; i++) {
    if (i === parts.toneAt) continue;
    const candidate = parts.letters
      .map((l, j) => (j === i ? (l + MARK_OF_TONE[parts.tone]).normalize('NFC') : l))
      .join('');
    const parsed = parseSyllable(candidate);
    if (parsed && parsed.style !== 'old') return candidate;
  }
  return null;
}
