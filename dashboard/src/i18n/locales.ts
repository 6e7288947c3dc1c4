/** The languages of the app. English is the fallback; Brazilian Portuguese is what the first users read. */
export const LOCALES = ['en', 'pt-BR'] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'pt-BR': 'Português (Brasil)' };

/** Where the person's choice is remembered. */
export const LOCALE_STORAGE_KEY = 'creditgate.locale';

/** The remembered choice, else the first of the browser's languages we speak, else English. */
export function initialLocale(
  stored: string | null = safeStorage()?.getItem(LOCALE_STORAGE_KEY) ?? null,
  languages: readonly string[] = navigator.languages ?? [navigator.language],
): Locale {
  if (stored && (LOCALES as readonly string[]).includes(stored)) {
    return stored as Locale;
  }
  for (const language of languages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('pt')) {
      return 'pt-BR';
    }
    if (lower.startsWith('en')) {
      return 'en';
    }
  }
  return 'en';
}

export function rememberLocale(locale: Locale): void {
  safeStorage()?.setItem(LOCALE_STORAGE_KEY, locale);
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled: the choice lasts for this page only
  }
}
