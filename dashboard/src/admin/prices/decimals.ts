/*
 * Rates as an admin types them. A rate is credits per token with at most 12 decimals, from 0 to 1,000,000
 * (gateway PricesHandler.RATE_MAX, RATE_SCALE_MAX); token limits are whole numbers from 1 to 1,000,000,000
 * (TOKENS_MAX). The text is kept as typed — only a decimal comma becomes a point and leading zeros go — and never
 * passes through a float, so 0.075 is sent as 0.075.
 */

export const RATE_DECIMALS_MAX = 12;
const RATE_MAX = 1_000_000;
const TOKENS_MAX = 1_000_000_000;

/** An empty field: the gateway's default applies. */
export const EMPTY = '';

/**
 * The JSON number text of a typed rate ('0,075' → '0.075', '.5' → '0.5'), EMPTY for an empty field, or undefined
 * when it is no rate (letters, grouping, a sign, more than 12 decimals, above the maximum).
 */
export function decimalText(typed: string): string | undefined {
  const text = typed.trim().replace(',', '.');
  if (text === '') return EMPTY;
  const match = /^(\d*)(?:\.(\d{1,12}))?$/.exec(text);
  if (!match || (match[1] === '' && match[2] === undefined)) return undefined;
  const whole = match[1].replace(/^0+(?=\d)/, '') || '0';
  const normal = match[2] === undefined ? whole : `${whole}.${match[2]}`;
  // Whole digits decide the size exactly; the decimals only matter at the maximum itself.
  if (whole.length > String(RATE_MAX).length || Number(whole) > RATE_MAX || (Number(whole) === RATE_MAX && /[1-9]/.test(match[2] ?? ''))) {
    return undefined;
  }
  return normal;
}

/** The JSON number text of a typed token limit, EMPTY for an empty field, or undefined when it is none. */
export function tokensText(typed: string): string | undefined {
  const text = typed.trim();
  if (text === '') return EMPTY;
  if (!/^\d{1,10}$/.test(text)) return undefined;
  const tokens = Number(text);
  return tokens >= 1 && tokens <= TOKENS_MAX ? String(tokens) : undefined;
}

/** A rate the gateway answered, as text to prefill a field: plain digits, never an exponent (1e-7 → 0.0000001). */
export function rateText(value: number | null | undefined): string {
  if (value == null) return EMPTY;
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(RATE_DECIMALS_MAX).replace(/\.?0+$/, '');
}
