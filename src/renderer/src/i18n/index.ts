import i18next, { type TFunction, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isApiError } from '../api';
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

/**
 * Vietnamese is bundled (it is the office's language and every other language falls back to it);
 * English is loaded the first time it is chosen, so a window shown in Vietnamese does not load and
 * keep a second catalogue.
 */
let englishLoaded: Promise<void> | null = null;
function loadLanguage(language: Language): Promise<void> {
  if (language === 'vi') return Promise.resolve();
  englishLoaded ??= import('./en.json').then((module) => {
    i18n.addResourceBundle('en', 'translation', module.default, true, true);
  });
  return englishLoaded;
}

const initialLanguage = storedLanguage();

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi } },
  lng: initialLanguage,
  fallbackLng: 'vi',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

document.documentElement.lang = i18n.language;
// Until the English catalogue is in, its words fall back to Vietnamese; switching again once it
// is loaded makes every view render the English words.
if (initialLanguage !== 'vi') void loadLanguage(initialLanguage).then(() => i18n.changeLanguage(initialLanguage));
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Not persisted; the switch still applies to this window.
  }
  void loadLanguage(language).then(() => i18n.changeLanguage(language));
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
