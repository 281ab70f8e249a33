/**
 * The engine: block rules run on each block alone and their results are cached by block text;
 * the article-wide rules (tone.mixed, abbreviation.undefined) run on small per-block facts that
 * are cached with them. Re-checking after an edit therefore re-runs the block rules on the edited
 * blocks only, then re-joins every block's cached facts, which costs a few comparisons per block.
 * A proofreader's options are fixed when it is created; new options mean a new proofreader.
 */
import { lexiconSet } from './lexicon';
import { probeOf } from './phrase';
import { abbreviationFacts, UNIVERSAL, undefinedAbbreviation, type AbbreviationFacts } from './rules/abbreviation';
import { capitalization } from './rules/capitalization';
import { paragraph } from './rules/paragraph';
import { punctuation } from './rules/punctuation';
import { repeated } from './rules/repeated';
import type { BlockInput, Hit, Settings } from './rules/rule';
import { spacing } from './rules/spacing';
import { spelling } from './rules/spelling';
import { STYLE_NAME, toneMarks, toneStyle, type ToneMark } from './rules/tone';
import { convertToneStyle } from './toneStyle';
import { unicode } from './rules/unicode';
import type { Finding, ProofOptions, ProofRule, ToneStyle } from './types';
import { isAllCaps, wordsOf } from './words';

interface BlockResult {
  hits: Hit[];
  tones: ToneMark[];
  abbreviations: AbbreviationFacts;
}

function settingsOf(options: ProofOptions): Settings {
  const disabled = new Set<ProofRule>(options.disabledRules ?? []);
  return {
    toneStyle: options.toneStyle,
    lexicon: lexiconSet(options.lexicon),
    officeAbbreviations: new Set(
      [...options.lexicon, ...(options.abbreviations ?? [])].map((w) => w.normalize('NFC')).filter(isAllCaps),
    ),
    enabled: (rule) => !disabled.has(rule),
  };
}

function checkBlock(text: string, settings: Settings): BlockResult {
  const input: BlockInput = { text, words: wordsOf(text), probe: probeOf(text), settings };
  const tones = toneMarks(input);
  const hits = [
    ...unicode(input),
    ...spacing(input),
    ...paragraph(input),
    ...punctuation(input),
    ...repeated(input),
    ...spelling(input),
    ...toneStyle(tones, settings.toneStyle),
    ...capitalization(input),
  ].filter((hit) => settings.enabled(hit.rule));
  return {
    hits: withLostQuotesJoined(text, withoutNoiseInGarbage(hits)),
    tones,
    abbreviations: abbreviationFacts(input),
  };
}

/**
 * A quotation whose closing mark was lost where two words were glued ("…an ninh Tổ quốcvào dịp"):
 * the glue is where the quote ended, so the two faults get one fix, "quốc” vào", instead of a
 * space that leaves the quote open.
 */
function withLostQuotesJoined(text: string, hits: Hit[]): Hit[] {
  const open = hits.filter((h) => h.rule === 'punctuation.unbalanced' && text[h.start] === '“');
  if (open.length === 0) return hits;
  const dropped = new Set<Hit>();
  const joined = new Map<Hit, Hit>();
  for (const opener of open) {
    const glued = hits.find(
      (h) =>
        h.rule === 'spacing.gluedWords' &&
        h.start > opener.start &&
        h.fix?.includes(' ') &&
        !joined.has(h) &&
        !text.slice(opener.start, h.start).includes('”'),
    );
    if (!glued) continue;
    const fix = glued.fix!.replace(' ', '” ');
    const word = text.slice(glued.start, glued.end);
    dropped.add(opener);
    joined.set(glued, {
      ...glued,
      fix,
      message: `Hai từ bị dính liền và câu trích mở bằng “ chưa được đóng: “${word}”. Sửa thành “${fix}”.`,
    });
  }
  return hits.filter((h) => !dropped.has(h)).map((h) => joined.get(h) ?? h);
}

/** Inside legacy-font garbage every word is misspelt; the one conversion finding says it all. */
function withoutNoiseInGarbage(hits: Hit[]): Hit[] {
  const garbage = hits.filter((h) => h.rule === 'unicode.legacyFont');
  if (garbage.length === 0) return hits;
  return hits.filter(
    (h) => h.rule === 'unicode.legacyFont' || !garbage.some((g) => h.start < g.end && g.start < h.end),
  );
}

type ToneCount = Record<ToneStyle, number>;

/** How many words of the article are written in each tone style. */
function toneCount(results: readonly BlockResult[]): ToneCount {
  const count = { old: 0, new: 0 };
  for (const r of results) for (const m of r.tones) count[m.style]++;
  return count;
}

/** Both styles in one article: one finding at the first word off the house style, or with no house style, each word of the rarer style. */
function mixedTones(results: readonly BlockResult[], house: ToneStyle | null, count: ToneCount): Finding[] {
  if (count.old === 0 || count.new === 0) return [];
  const summary = `Bài viết dùng lẫn hai kiểu bỏ dấu: ${count.old} chữ kiểu cũ (hòa), ${count.new} chữ kiểu mới (hoà).`;
  const off: ToneStyle = house ? (house === 'old' ? 'new' : 'old') : count.old > count.new ? 'new' : 'old';
  const findings: Finding[] = [];
  results.forEach((r, block) => {
    for (const m of r.tones) {
      if (m.style !== off || (house && findings.length > 0)) continue;
      findings.push({
        block,
        start: m.start,
        end: m.end,
        rule: 'tone.mixed',
        severity: 'warning',
        message: house
          ? `${summary} Sửa các chữ ${STYLE_NAME[off]} theo quy định của cơ quan.`
          : `${summary} Thống nhất theo ${STYLE_NAME[m.style === 'old' ? 'new' : 'old']}: “${m.other}”.`,
        ...(house ? {} : { fix: m.other }),
      });
    }
  });
  return findings;
}

function undefinedAbbreviations(results: readonly BlockResult[], settings: Settings, style: ToneStyle): Finding[] {
  const known = new Set<string>([...UNIVERSAL, ...settings.officeAbbreviations]);
  const findings: Finding[] = [];
  results.forEach((r, block) => {
    for (const abbr of r.abbreviations.spelledOut) known.add(abbr);
    for (const use of r.abbreviations.uses) {
      if (known.has(use.abbr)) continue;
      known.add(use.abbr);
      if (!use.defines) findings.push({ block, ...undefinedAbbreviation(use, style) });
    }
  });
  return findings;
}

/**
 * The style a fix writes in: the house style, else the one most of the article is written in
 * (old, the portal's, when it shows neither), so that no fix brings in the other style.
 */
function articleStyle(house: ToneStyle | null, count: ToneCount): ToneStyle {
  if (house) return house;
  return count.new > count.old ? 'new' : 'old';
}

/** A fix (and the message that quotes it) written in the article's style; tone findings are about style itself. */
function inStyle(finding: Finding, style: ToneStyle): Finding {
  if (finding.fix === undefined || finding.rule === 'tone.style' || finding.rule === 'tone.mixed') return finding;
  const fix = convertToneStyle(finding.fix, style);
  if (fix === finding.fix) return finding;
  return { ...finding, fix, message: finding.message.split(`“${finding.fix}”`).join(`“${fix}”`) };
}

function assemble(results: readonly BlockResult[], settings: Settings): Finding[] {
  const count = toneCount(results);
  const style = articleStyle(settings.toneStyle, count);
  const findings: Finding[] = [];
  results.forEach((r, block) => {
    for (const hit of r.hits) findings.push(inStyle({ block, ...hit }, style));
  });
  if (settings.enabled('tone.mixed')) findings.push(...mixedTones(results, settings.toneStyle, count));
  if (settings.enabled('abbreviation.undefined')) findings.push(...undefinedAbbreviations(results, settings, style));
  return findings.sort((a, b) => a.block - b.block || a.start - b.start || a.end - b.end);
}

export interface Proofreader {
  check(blocks: readonly string[]): Finding[];
  /** How many blocks the last `check` actually ran the block rules on (the rest came from the cache). */
  readonly lastChecked: number;
}

/**
 * A proofreader that remembers each block's result by its text. Only results for blocks present in
 * the last check are kept, so memory follows the article, not the editing history.
 */
export function createProofreader(options: ProofOptions): Proofreader {
  const settings = settingsOf(options);
  let cache = new Map<string, BlockResult>();
  let lastChecked = 0;
  return {
    check(blocks) {
      const next = new Map<string, BlockResult>();
      lastChecked = 0;
      const results = blocks.map((text) => {
        let result = next.get(text) ?? cache.get(text);
        if (!result) {
          result = checkBlock(text, settings);
          lastChecked++;
        }
        next.set(text, result);
        return result;
      });
      cache = next;
      return assemble(results, settings);
    },
    get lastChecked() {
      return lastChecked;
    },
  };
}

/** One full pass with nothing cached. */
export function proofread(blocks: readonly string[], options: ProofOptions): Finding[] {
  const settings = settingsOf(options);
  return assemble(
    blocks.map((text) => checkBlock(text, settings)),
    settings,
  );
}
