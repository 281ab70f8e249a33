import { z } from 'zod';
import { hasUnsafeCharacters } from '../text';

/**
 * The building blocks every part of the API contract uses, so that one rule holds for every
 * field: text a person sends is refused, with a message saying why, when it holds characters the
 * core cannot store safely or is longer than its declared limit.
 */

export const UNSAFE_TEXT_MESSAGE =
  'Văn bản có ký tự điều khiển hoặc ký tự hỏng (thường do dán từ một tệp khác). Hãy xóa rồi gõ lại đoạn vừa dán, sau đó thử lại.';

export function tooLongMessage(max: number): string {
  return `Văn bản dài quá ${max.toLocaleString('vi-VN')} ký tự. Hãy rút gọn rồi thử lại.`;
}

/**
 * A text field: at most `max` characters (after trimming, when `trim`), at least `min`, and no
 * control character other than tab and line breaks, no lone surrogate.
 */
export function text(max: number, options: { min?: number; trim?: boolean; minMessage?: string } = {}): z.ZodString {
  let schema = z.string();
  if (options.trim) schema = schema.trim();
  schema = schema.max(max, tooLongMessage(max));
  if (options.min !== undefined) {
    schema = schema.min(options.min, options.minMessage ?? 'Ô này không được để trống. Hãy nhập nội dung rồi thử lại.');
  }
  return schema.refine((value) => !hasUnsafeCharacters(value), UNSAFE_TEXT_MESSAGE);
}

export const uuid = z.uuid();
export const isoTime = z.iso.datetime({ offset: true });
/** A method that takes nothing. */
export const empty = z.object({}).strict();
/** A method that answers only that it worked. */
export const ok = z.object({ ok: z.literal(true) });

/** One contract entry: what a method takes and what it answers. */
export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
  /**
   * A quicker check for a method called many times a minute with a large input (the autosave):
   * the parsed input when `input` certainly passes, or undefined to leave the decision and the
   * wording of any refusal to `input`. It never takes what `input` refuses, and what it answers
   * equals what `input` would.
   */
  accept?: (input: unknown) => unknown;
}
