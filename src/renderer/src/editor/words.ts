import type { i18n as I18n, TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The word `key` names, as `t(key)` gives it: from the first of the current language and its
 * fallbacks whose catalogue holds it. A word that interpolates or nests, or one no catalogue
 * holds, is left to `t`.
 */
export function catalogueWord(i18n: I18n, t: TFunction, key: string): string {
  for (const language of i18n.languages ?? [i18n.language]) {
    const word: unknown = i18n.getResource(language, 'translation', key);
    if (typeof word === 'string') return word.includes('{{') || word.includes('$t(') ? t(key) : word;
  }
  return t(key);
}

/**
 * The editor's fixed words (button names, labels, the placeholder), read from the loaded
 * catalogues in the order t() picks them: the current language, then its fallbacks. A word that
 * interpolates or nests, or one no catalogue holds, goes through t(). Each t() call runs i18next's
 * whole translation pipeline; the editor shows some thirty fixed words while an article opens.
 */
export function useWords(): (key: string) => string {
  // A new t comes with a change of language or of the loaded catalogues.
  const { t, i18n } = useTranslation();
  return useMemo(() => (key: string) => catalogueWord(i18n, t, key), [t, i18n]);
}
