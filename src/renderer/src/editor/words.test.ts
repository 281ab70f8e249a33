import i18next, { type i18n as I18n } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import vi from '../i18n/vi.json';
import { catalogueWord } from './words';

/** Every key of a catalogue whose value is a word, with its dotted path. */
function keysOf(catalogue: object, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}

/** An i18next set up as the app sets up its own (src/renderer/src/i18n), with the given catalogues. */
async function instance(
  language: 'vi' | 'en',
  resources: Record<string, { translation: object }>,
  defaultVariables: Record<string, unknown> = {},
): Promise<I18n> {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources,
    lng: language,
    fallbackLng: 'vi',
    supportedLngs: ['vi', 'en'],
    interpolation: { escapeValue: false, defaultVariables },
    initAsync: false,
    returnNull: false,
  });
  return i18n;
}

describe('the editor reads its fixed words from the catalogue', () => {
  it('gives, for every key of both catalogues, exactly what t() gives', async () => {
    for (const language of ['vi', 'en'] as const) {
      const i18n = await instance(language, { vi: { translation: vi }, en: { translation: en } });
      const keys = keysOf(vi);
      expect(keys.length).toBeGreaterThan(100);
      for (const key of keys) expect(catalogueWord(i18n, i18n.t, key), `${language}: ${key}`).toBe(i18n.t(key));
    }
  });

  it('falls back to Vietnamese while the English catalogue is not loaded, or lacks a word', async () => {
    const i18n = await instance('en', {
      vi: { translation: { toolbar: { bold: 'Chữ đậm', italic: 'Chữ nghiêng' } } },
      en: { translation: { toolbar: { bold: 'Bold' } } },
    });
    expect(catalogueWord(i18n, i18n.t, 'toolbar.bold')).toBe('Bold');
    expect(catalogueWord(i18n, i18n.t, 'toolbar.italic')).toBe('Chữ nghiêng');
    expect(catalogueWord(i18n, i18n.t, 'toolbar.missing')).toBe('toolbar.missing');
  });

  it('leaves words that interpolate or nest to t()', async () => {
    const i18n = await instance(
      'vi',
      { vi: { translation: { a: { words: '{{count}} từ', nested: '$t(a.plain) nữa', plain: 'chữ' } } } },
      { count: 3 },
    );
    expect(catalogueWord(i18n, i18n.t, 'a.words')).toBe('3 từ');
    expect(catalogueWord(i18n, i18n.t, 'a.nested')).toBe('chữ nữa');
  });
});
