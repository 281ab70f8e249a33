import { diffChars } from 'diff';
import { sameAttributes, type Attributes, type Item } from './flow';

// The edits that turn one reading of a stretch of flow into another, found so that what a person
// typed is written as typed: the difference is placed at the caret when the caret is known (typing
// " an " before " a" is an insert before " a", not "n a" after " a"), and a change with removals and
// insertions is split by a character diff so unchanged letters stay the same Yjs items.

/** One flow laid out by position: letters (objects as one private-use letter each), attributes. */
interface Laid {
  text: string;
  attributes: (Attributes | undefined)[];
  objects: (Record<string, unknown> | null)[];
}

/** Objects as letters for comparison: equal objects get equal letters, in both flows compared. */
class ObjectLetters {
  private readonly letters = new Map<string, string>();
  letter(value: Record<string, unknown>): string {
    const key = JSON.stringify(value);
    let letter = this.letters.get(key);
    if (!letter) this.letters.set(key, (letter = String.fromCharCode(0xe000 + (this.letters.size % 0x1900))));
    return letter;
  }
}

function lay(items: readonly Item[], letters: ObjectLetters): Laid {
  let text = '';
  const attributes: (Attributes | undefined)[] = [];
  const objects: (Record<string, unknown> | null)[] = [];
  for (const item of items) {
    if (typeof item.insert === 'string') {
      text += item.insert;
      for (let k = 0; k < item.insert.length; k++) {
        attributes.push(item.attributes);
        objects.push(null);
      }
    } else {
      text += letters.letter(item.insert);
      attributes.push(item.attributes);
      objects.push(item.insert);
    }
  }
  return { text, attributes, objects };
}

/** A change to the flow, in positions of the flow as it is when the change is applied in order. */
export type FlowOp =
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'insert'; at: number; items: Item[] }
  | { kind: 'format'; at: number; count: number; attributes: Record<string, string | true | null> };

/** The items of `laid` from `start` to `end`, runs of equal attributes together. */
function slice(laid: Laid, start: number, end: number): Item[] {
  const out: Item[] = [];
  for (let k = start; k < end; k++) {
    const attributes = laid.attributes[k];
    const object = laid.objects[k];
    const last = out[out.length - 1];
    if (object) out.push(attributes ? { insert: object, attributes } : { insert: object });
    else if (last && typeof last.insert === 'string' && last.attributes === attributes) last.insert += laid.text[k];
    else out.push(attributes ? { insert: laid.text[k]!, attributes } : { insert: laid.text[k]! });
  }
  return out;
}

const isBreak = (letter: string | undefined) => letter === undefined || /[\s\uE000-\uF8FF]/.test(letter);

/** How far a change may slide to meet word edges. */
const MAX_SLIDE = 64;

/**
 * Without a caret, a pure insertion or deletion may sit at several equivalent places among equal
 * letters (" an" typed before " a" reads the same as "n a" after " a"). Slides it to the place whose
 * ends meet word edges best, leftmost among equals, so a word is written (or removed) whole and a
 * concurrent edit of its neighbour cannot take part of it. Returns the new [prefix, suffix].
 */
function alignToWords(old: string, next: string, prefix: number, suffix: number): [number, number] {
  const inserted = next.length - old.length;
  const longer = inserted > 0 ? next : old;
  const length = Math.abs(inserted);
  if (length === 0 || longer.length - prefix - suffix !== length) return [prefix, suffix];
  const score = (at: number) =>
    (isBreak(longer[at - 1]) || isBreak(longer[at]) ? 1 : 0) +
    (isBreak(longer[at + length - 1]) || isBreak(longer[at + length]) ? 1 : 0);
  let start = prefix;
  while (prefix - start < MAX_SLIDE && start > 0 && longer[start - 1] === longer[start + length - 1]) start--;
  let end = prefix;
  while (end - prefix < MAX_SLIDE && end + length < longer.length && longer[end] === longer[end + length]) end++;
  let best = prefix;
  for (let at = start; at <= end; at++)
    if (score(at) > score(best) || (score(at) === score(best) && at < best)) best = at;
  return [best, longer.length - best - length];
}

/** The attribute changes that make `from` into `to`: new values, and null for those removed. */
function patch(from: Attributes | undefined, to: Attributes | undefined): Record<string, string | true | null> {
  const out: Record<string, string | true | null> = { ...to };
  for (const key of Object.keys(from ?? {})) if (!(key in out)) out[key] = null;
  return out;
}

/**
 * The most letters a letter diff may find changed before the stretch is replaced whole instead:
 * beyond it the texts have little in common and the diff's cost grows with the square.
 */
const MAX_EDIT_LENGTH = 2_000;

/**
 * The operations that turn flow `before` into `after`. `caret` is where the caret is in `after`,
 * if known: the changed stretch then ends at or after it, as typing and deleting do.
 */
export function diffFlow(before: readonly Item[], after: readonly Item[], caret: number | null): FlowOp[] {
  const letters = new ObjectLetters();
  const old = lay(before, letters);
  const next = lay(after, letters);
  const oldLength = old.text.length;
  const nextLength = next.text.length;
  // Common ends, the end first and kept after the caret so the change meets the caret.
  let suffix = 0;
  const maxSuffix = Math.min(oldLength, nextLength, caret === null ? Infinity : nextLength - caret);
  while (suffix < maxSuffix && old.text[oldLength - 1 - suffix] === next.text[nextLength - 1 - suffix]) suffix++;
  let prefix = 0;
  const maxPrefix = Math.min(oldLength, nextLength) - suffix;
  while (prefix < maxPrefix && old.text[prefix] === next.text[prefix]) prefix++;

  if (caret === null) [prefix, suffix] = alignToWords(old.text, next.text, prefix, suffix);

  // Stretches of `old` kept as they are, as [oldStart, nextStart, length].
  const kept: [number, number, number][] = [[0, 0, prefix]];
  const ops: FlowOp[] = [];
  const oldMiddle = oldLength - suffix - prefix;
  const nextMiddle = nextLength - suffix - prefix;
  // Positions below are in the flow as edited so far, which reads as `next` before `at`.
  // A change that both removes and adds letters (a replaced word, several edits in one save) is
  // split by a letter diff, given up when the texts differ too much to be worth it.
  const changes =
    oldMiddle > 0 && nextMiddle > 0
      ? diffChars(old.text.slice(prefix, oldLength - suffix), next.text.slice(prefix, nextLength - suffix), {
          maxEditLength: MAX_EDIT_LENGTH,
        })
      : undefined;
  if (changes) {
    let o = prefix;
    let n = prefix;
    for (const change of changes) {
      const count = change.value.length;
      if (change.removed) {
        ops.push({ kind: 'delete', at: n, count });
        o += count;
      } else if (change.added) {
        ops.push({ kind: 'insert', at: n, items: slice(next, n, n + count) });
        n += count;
      } else {
        kept.push([o, n, count]);
        o += count;
        n += count;
      }
    }
  } else {
    if (oldMiddle > 0) ops.push({ kind: 'delete', at: prefix, count: oldMiddle });
    if (nextMiddle > 0) ops.push({ kind: 'insert', at: prefix, items: slice(next, prefix, prefix + nextMiddle) });
  }
  kept.push([oldLength - suffix, nextLength - suffix, suffix]);

  // Kept letters whose attributes changed (bold, a block's kind, a link), in runs.
  for (const [oldStart, nextStart, length] of kept) {
    let k = 0;
    while (k < length) {
      const from = old.attributes[oldStart + k];
      const to = next.attributes[nextStart + k];
      if (sameAttributes(from, to)) {
        k++;
        continue;
      }
      let end = k + 1;
      while (end < length && old.attributes[oldStart + end] === from && next.attributes[nextStart + end] === to) end++;
      ops.push({ kind: 'format', at: nextStart + k, count: end - k, attributes: patch(from, to) });
      k = end;
    }
  }
  return ops;
}
