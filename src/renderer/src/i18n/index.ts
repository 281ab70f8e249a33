import i18next, { type TFunction, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isApiError } from '../api';
import en from './en.json';
import vi from './vi.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const LANGUAGE_KEY = 'bientap.language';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(LANGUAGE_KEY);
    return value === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export const i18n: I18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'vi',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Not persisted; the switch still applies to this window.
  }
  void i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'vi';
}

/**
 * The text to show for a failure. In Vietnamese the core's own message is the most precise;
 * in English the code is translated from the catalogue.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    if (currentLanguage() === 'vi') return error.message;
    return t(`errors.${error.code}`);
  }
  return t('errors.INTERNAL');
}
