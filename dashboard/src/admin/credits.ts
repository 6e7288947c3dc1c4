/** The ledger's limit on a reason (GrantController.MAX_REASON_LENGTH), in characters. */
export const REASON_CHARS_MAX = 500;

/**
 * Credits typed by a person: a whole number, optionally signed, with any grouping the person's language uses
 * ("5,000,000", "5.000.000", "5 000 000"); undefined when it is not one. Credits never have decimals.
 */
export function parseCredits(text: string, { signed = false } = {}): number | undefined {
  const compact = text.trim().replace(/[\s.,_\u00a0\u202f]/g, '');
  const pattern = signed ? /^[-+]?\d{1,16}$/ : /^\d{1,16}$/;
  if (!pattern.test(compact)) {
    return undefined;
  }
  const value = Number(compact);
  return Number.isSafeInteger(value) ? value : undefined;
}
