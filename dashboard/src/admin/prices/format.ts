/** A rate as the gateway holds it: all its decimals (at most 12), grouped the locale's way, never rounded. */
export function formatRate(value: number | null | undefined, locale: string): string {
  return value == null ? '' : new Intl.NumberFormat(locale, { maximumFractionDigits: 12 }).format(value);
}

/** A number of tokens, grouped the locale's way. */
export function formatTokens(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A rate's name and value side by side ("Input 0.15"): a label and a number, the same in every language. */
export function rateLine(name: string, value: string): string {
  return `${name} ${value}`;
}
