/** Credits are whole numbers (1 credit = 1 micro-USD): shown grouped in the person's language, never with decimals. */
export function formatCredits(credits: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.trunc(credits));
}
