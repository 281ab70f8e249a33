import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertToneStyle } from '../../../shared/proofread/toneStyle';

type Catalogue = { [key: string]: string | Catalogue };

const load = (language: string) =>
  JSON.parse(readFileSync(new URL(`./${language}.json`, import.meta.url), 'utf8')) as Catalogue;

/** Every string of a catalogue, by its dotted key. */
function strings(catalogue: Catalogue, prefix = ''): [string, string][] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : strings(value, `${prefix}${key}.`),
  );
}

/** Strings that show the other style on purpose: the choice between the two. */
const SHOWS_BOTH_STYLES = new Set(['houseStyle.toneNew']);

describe('the UI catalogue', () => {
  it('writes every Vietnamese word in one tone style, the old one the portal and official documents use (hòa, hủy, thủy)', () => {
    const mixed = strings(load('vi'))
      .filter(([key, text]) => !SHOWS_BOTH_STYLES.has(key) && convertToneStyle(text, 'old') !== text)
      .map(([key, text]) => `${key}: ${text}`);
    expect(mixed).toEqual([]);
  });
});
