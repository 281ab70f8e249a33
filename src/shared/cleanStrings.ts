import { hasUnsafeCharacters, stripUnsafeCharacters } from './text';

/**
 * `value` with the characters the core refuses taken out of every string in it, however deep
 * (an article's fields, a stored editor state with its captions). What needs no change comes
 * back as the same object, so a clean article costs one walk and no copy.
 */
export function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return (hasUnsafeCharacters(value) ? stripUnsafeCharacters(value) : value) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item: unknown, index) => {
      const cleaned = cleanStrings(item);
      if (cleaned !== item) (copy ??= [...value])[index] = cleaned;
    });
    return (copy ?? value) as T;
  }
  if (value !== null && typeof value === 'object') {
    let copy: Record<string, unknown> | null = null;
    for (const [key, item] of Object.entries(value)) {
      const cleaned = cleanStrings(item);
      if (cleaned !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = cleaned;
    }
    return (copy ?? value) as T;
  }
  return value;
}
