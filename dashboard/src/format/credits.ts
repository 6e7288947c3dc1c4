/** Credits are whole numbers (1 credit = 1 micro-USD): shown grouped in the person's language, never with decimals. */
export function formatCredits(credits: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.trunc(credits));
}

/**
 * Credits typed by a person: a whole number, optionally signed, plain ("5000000") or grouped by threes the way either
 * language writes it ("5,000,000", "5.000.000", "5 000 000"); undefined otherwise. Credits never have decimals, so
 * "12.50" is refused rather than read as 1250.
 */
export function parseCredits(text: string, { signed = false } = {}): number | undefined {
  const trimmed = text.trim().replace(/[\u00a0\u202f]/g, ' ');
  const sign = signed ? '[-+\u2212]?' : '';
  const plain = new RegExp(`^${sign}\\d{1,16}$`);
  const grouped = new RegExp(`^${sign}\\d{1,3}([., _]\\d{3})+$`);
  if (!plain.test(trimmed) && !grouped.test(trimmed)) {
    return undefined;
  }
  const value = Number(trimmed.replace(/[., _]/g, '').replace('\u2212', '-'));
  return Number.isSafeInteger(value) ? value : undefined;
}
