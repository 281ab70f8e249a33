import { z } from 'zod';
import { empty, isoTime, ok, text, uuid, type MethodSpec } from './api/fields';
import { LIMITS } from './domain';
import { PRESS_ABBREVIATIONS } from './proofread/rules/abbreviation';
import { PROOF_RULES } from './proofread/types';

/**
 * The API shapes of proofreading, the office's house style and the checklist run before an
 * article is submitted or signed off.
 */

/**
 * The editor nodes whose text is one proofreading block: each paragraph, heading, quote and list
 * item, wherever it sits (a table cell holds paragraphs). The core reads them from the stored
 * state (src/core/proofread/blocks.ts) and the editor from its live nodes
 * (src/renderer/src/proofread/blocks.ts), by the same rules, so a finding means the same text on both sides.
 */
export const PROOF_BLOCK_TYPES: ReadonlySet<string> = new Set(['paragraph', 'heading', 'quote', 'listitem']);

/** What the checklist looks at before submit and approve. */
export const CHECKLIST_CHECKS = ['title', 'summary', 'category', 'byline', 'imageAlt', 'proofErrors'] as const;
export type ChecklistCheck = (typeof CHECKLIST_CHECKS)[number];

/**
 * Only what an article cannot go out without blocks by default: a title, and alt text for every
 * image (the portal must be readable with a screen reader). The rest warns, so an office turns
 * more on once its writers have the fields for them.
 */
export const DEFAULT_BLOCKING: readonly ChecklistCheck[] = ['title', 'imageAlt'];

const toneStyle = z.enum(['old', 'new']).nullable();
const rule = z.enum(PROOF_RULES);

export const houseStyleSchema = z
  .object({
    /** null: the office has no tone-mark style, only mixing styles in one article is flagged. */
    toneStyle,
    /** Checks that refuse a submission or a sign-off; every other check only warns. */
    blockingChecks: z.array(z.enum(CHECKLIST_CHECKS)).max(CHECKLIST_CHECKS.length),
    /** Proofreading rules the office switched off. */
    disabledRules: z.array(rule).max(PROOF_RULES.length),
    /** Abbreviations the office's writing uses without spelling them out (UBND, HĐND, TP …). */
    pressAbbreviations: z
      .array(
        text(20, { trim: true, min: 1 }).refine(
          (abbr) => abbr === abbr.toLocaleUpperCase('vi') && /^[\p{L}\d&.-]+$/u.test(abbr),
          'Chữ viết tắt chỉ gồm chữ in hoa, số và các dấu & . -.',
        ),
      )
      .max(300)
      .default([...PRESS_ABBREVIATIONS]),
  })
  .strict();
export type HouseStyle = z.infer<typeof houseStyleSchema>;

export const DEFAULT_HOUSE_STYLE: HouseStyle = {
  toneStyle: null,
  blockingChecks: [...DEFAULT_BLOCKING],
  disabledRules: [],
  pressAbbreviations: [...PRESS_ABBREVIATIONS],
};

export const findingSchema = z.object({
  block: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  rule,
  severity: z.enum(['error', 'warning', 'suggestion']),
  message: z.string(),
  fix: z.string().optional(),
});

/** A word as the office writes it: a place name, a unit, an abbreviation. */
export const lexiconWordSchema = text(100, { trim: true, min: 1 });

export const lexiconEntrySchema = z.object({
  word: z.string(),
  addedBy: z.string().nullable(),
  addedAt: isoTime,
});

export const proofIgnoreSchema = z.object({
  rule,
  /** The matched text, as the finding covered it. */
  text: z.string().min(1).max(500),
});

/** An ignore as an editor sends it: the matched text is checked like any text sent. */
const proofIgnoreInputSchema = z.object({ articleId: uuid, rule, text: text(500, { min: 1 }) }).strict();
export type ProofIgnore = z.infer<typeof proofIgnoreSchema>;

export const checklistItemSchema = z.object({
  check: z.enum(CHECKLIST_CHECKS),
  /** Vietnamese, says what is missing and where to fix it. */
  message: z.string(),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const checklistSchema = z.object({
  blocking: z.array(checklistItemSchema),
  warnings: z.array(checklistItemSchema),
});
export type Checklist = z.infer<typeof checklistSchema>;

/** The contract's entries for proofreading, spread into the API contract (src/shared/api/contract.ts). */
export const proofreadContract = {
  'proofread.settings.get': { input: empty, output: houseStyleSchema },
  'proofread.settings.set': { input: houseStyleSchema, output: houseStyleSchema },
  'proofread.lexicon.list': { input: empty, output: z.object({ items: z.array(lexiconEntrySchema) }) },
  'proofread.lexicon.add': { input: z.object({ word: lexiconWordSchema }).strict(), output: lexiconEntrySchema },
  'proofread.lexicon.remove': { input: z.object({ word: lexiconWordSchema }).strict(), output: ok },
  'proofread.ignores.list': {
    input: z.object({ articleId: uuid }).strict(),
    output: z.object({ items: z.array(proofIgnoreSchema) }),
  },
  'proofread.ignores.add': { input: proofIgnoreInputSchema, output: ok },
  'proofread.ignores.remove': { input: proofIgnoreInputSchema, output: ok },
  'proofread.check': {
    input: z
      .object({
        articleId: uuid,
        /** The editor's blocks as they are on screen; left out, the stored body is checked. */
        blocks: z
          .array(text(100_000))
          .max(20_000)
          .refine((blocks) => blocks.reduce((sum, block) => sum + block.length, 0) <= LIMITS.bodyText, {
            message: `Nội dung cần soát dài quá ${LIMITS.bodyText.toLocaleString('vi-VN')} ký tự. Hãy chia thành nhiều bài rồi thử lại.`,
          })
          .optional(),
      })
      .strict(),
    output: z.object({ findings: z.array(findingSchema) }),
  },
  'checklist.get': { input: z.object({ articleId: uuid }).strict(), output: checklistSchema },
} as const satisfies Record<string, MethodSpec>;
