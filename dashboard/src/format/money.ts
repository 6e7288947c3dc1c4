/*
 * Money from credits. 1 credit = 1 micro-USD, so USD is exact: credits / 1,000,000 dollars.
 *
 * Which currency an account is shown in (accountCurrency):
 *   1. the currency of the account's last purchase (newest createdAt), when the app can convert to it;
 *   2. else BRL when the person reads Portuguese (pt-BR) and a BRL pack is on sale;
 *   3. else USD.
 * A non-USD amount uses the rate of a pack on sale in that currency: pack.credits per pack.priceMinor (for the shipped
 * R$ 25 pack: 4,500,000 credits / 2,500 centavos = 1,800 credits per centavo, i.e. 1 BRL = 0.18 USD). When no pack of
 * the last purchase's currency is on sale any more, that purchase's own rate (credits / amountMinor) is used instead.
 */
import type { Pack, PurchaseView } from '../api/types';

/** How many credits one minor unit (cent, centavo) of a currency buys. */
export interface CurrencyRate {
  /** ISO 4217, upper case. */
  currency: string;
  creditsPerMinor: number;
}

export const CREDITS_PER_USD_CENT = 10_000;
export const USD: CurrencyRate = { currency: 'USD', creditsPerMinor: CREDITS_PER_USD_CENT };

/** The rate from a pack (or purchase) price: credits bought per minor unit paid. */
export function rateOf(credits: number, amountMinor: number, currency: string): CurrencyRate {
  return { currency: currency.toUpperCase(), creditsPerMinor: credits / amountMinor };
}

function packRate(packs: readonly Pack[], currency: string): CurrencyRate | undefined {
  const pack = packs.find((p) => p.currency.toLowerCase() === currency.toLowerCase() && p.priceMinor > 0);
  return pack ? rateOf(pack.credits, pack.priceMinor, pack.currency) : undefined;
}

/** The currency (and rate) an account's amounts are shown in: see the rule at the top of this file. */
export function accountCurrency(locale: string, packs: readonly Pack[], purchases: readonly PurchaseView[]): CurrencyRate {
  const last = [...purchases].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (last) {
    if (last.currency.toLowerCase() === 'usd') {
      return USD;
    }
    const rate = packRate(packs, last.currency)
      ?? (last.amountMinor > 0 && last.credits > 0 ? rateOf(last.credits, last.amountMinor, last.currency) : undefined);
    if (rate) {
      return rate;
    }
  }
  if (locale === 'pt-BR') {
    const brl = packRate(packs, 'brl');
    if (brl) {
      return brl;
    }
  }
  return USD;
}

/** How many fraction digits a currency's minor unit has (2 for USD and BRL, 0 for JPY). */
function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** A minor-unit amount (e.g. a pack's priceMinor) as money: 2500 BRL → "R$ 25,00" in pt-BR. */
export function formatMinor(amountMinor: number, currency: string, locale: string): string {
  const code = currency.toUpperCase();
  const digits = minorDigits(code);
  return new Intl.NumberFormat(locale, { style: 'currency', currency: code }).format(amountMinor / 10 ** digits);
}

/** Credits as money in a currency, rounded to its minor unit. */
export function formatMoneyFromCredits(credits: number, rate: CurrencyRate, locale: string): string {
  return formatMinor(Math.round(credits / rate.creditsPerMinor), rate.currency, locale);
}

/** A major-unit amount typed by a person (e.g. "12.50") to minor units; undefined when not a valid amount. */
export function toMinor(major: string, currency: string): number | undefined {
  const normalised = major.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(normalised)) {
    return undefined;
  }
  return Math.round(Number(normalised) * 10 ** minorDigits(currency.toUpperCase()));
}

/** Minor units as the plain number a person edits (2500 → "25.00"). */
export function toMajor(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency.toUpperCase());
  return (amountMinor / 10 ** digits).toFixed(digits);
}
