import { describe, expect, it } from 'vitest';
import type { Pack, PurchaseView } from '../api/types';
import {
  accountCurrency, dayInZone, formatCredits, formatDateTime, formatMinor, formatMoneyFromCredits, parseCredits, startOfDay, toMinor,
  USD,
} from '.';

// Intl output uses narrow no-break spaces in some locales; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const packs: Pack[] = [
  { id: 'starter', name: 'Starter', credits: 5_000_000, priceMinor: 500, currency: 'usd' },
  { id: 'brl-25', name: 'R$ 25', credits: 4_500_000, priceMinor: 2_500, currency: 'brl' },
];

function purchase(currency: string, createdAt: string, credits = 4_500_000, amountMinor = 2_500): PurchaseView {
  return {
    purchaseId: createdAt, userId: 'alice', createdAt, method: 'stripe', status: 'paid', credits, amountMinor, currency,
    refundedCredits: 0, refundedMinor: 0, refunds: [], disputes: [],
  };
}

describe('credits', () => {
  it('are whole numbers grouped in the reader’s language', () => {
    expect(formatCredits(12_345_678, 'en')).toBe('12,345,678');
    expect(formatCredits(12_345_678, 'pt-BR')).toBe('12.345.678');
    expect(formatCredits(-1_500, 'en')).toBe('-1,500');
  });
});

describe('money', () => {
  it('is exact in USD: one credit is one micro-dollar', () => {
    expect(formatMoneyFromCredits(12_345_678, USD, 'en')).toBe('$12.35');
    expect(plain(formatMoneyFromCredits(12_345_678, USD, 'pt-BR'))).toBe('US$ 12,35');
  });

  it('uses the BRL pack’s rate for reais (4,500,000 credits for R$ 25)', () => {
    const brl = accountCurrency('pt-BR', packs, []);
    expect(brl.currency).toBe('BRL');
    expect(plain(formatMoneyFromCredits(9_000_000, brl, 'pt-BR'))).toBe('R$ 50,00');
    expect(formatMoneyFromCredits(9_000_000, brl, 'en')).toBe('R$50.00');
  });

  it('shows an English reader without purchases dollars, a Portuguese one reais only when a BRL pack is on sale', () => {
    expect(accountCurrency('en', packs, []).currency).toBe('USD');
    expect(accountCurrency('pt-BR', packs, []).currency).toBe('BRL');
    expect(accountCurrency('pt-BR', packs.filter((p) => p.currency === 'usd'), []).currency).toBe('USD');
  });

  it('follows the currency of the last purchase, whatever the language', () => {
    const purchases = [purchase('usd', '2026-11-01T10:00:00Z', 5_000_000, 500), purchase('brl', '2026-12-01T10:00:00Z')];
    expect(accountCurrency('en', packs, purchases).currency).toBe('BRL');
    expect(accountCurrency('pt-BR', packs, [purchase('usd', '2026-12-01T10:00:00Z', 5_000_000, 500)]).currency).toBe('USD');
  });

  it('falls back to the last purchase’s own rate when no pack of its currency is on sale', () => {
    const rate = accountCurrency('en', packs.slice(0, 1), [purchase('brl', '2026-12-01T10:00:00Z', 3_600_000, 2_000)]);
    expect(rate).toEqual({ currency: 'BRL', creditsPerMinor: 1_800 });
  });

  it('formats minor units and reads typed amounts', () => {
    expect(plain(formatMinor(2_500, 'brl', 'pt-BR'))).toBe('R$ 25,00');
    expect(toMinor('12,50', 'usd')).toBe(1_250);
    expect(toMinor('abc', 'usd')).toBeUndefined();
  });
});

describe('dates', () => {
  // 02:30 UTC on 1 December is still 30 November, 23:30 in São Paulo (UTC−3).
  const nearMidnight = '2026-12-01T02:30:00Z';

  it('are shown in the given zone, not the runtime’s', () => {
    expect(formatDateTime(nearMidnight, 'en', 'UTC')).toBe('Dec 1, 2026, 2:30 AM');
    expect(formatDateTime(nearMidnight, 'en', 'America/Sao_Paulo')).toBe('Nov 30, 2026, 11:30 PM');
    expect(dayInZone(nearMidnight, 'UTC')).toBe('2026-12-01');
    expect(dayInZone(nearMidnight, 'America/Sao_Paulo')).toBe('2026-11-30');
  });

  it('start a day at the person’s midnight', () => {
    expect(startOfDay('2026-12-01', 'UTC')).toBe('2026-12-01T00:00:00.000Z');
    expect(startOfDay('2026-12-01', 'America/Sao_Paulo')).toBe('2026-12-01T03:00:00.000Z');
    expect(startOfDay('2026-07-01', 'Europe/Berlin')).toBe('2026-06-30T22:00:00.000Z');
  });
});

describe('credits a person types', () => {
  it('reads credits as whole numbers in either language’s grouping, refusing decimals and words', () => {
    expect(parseCredits('5,000,000')).toBe(5_000_000);
    expect(parseCredits('5.000.000')).toBe(5_000_000);
    expect(parseCredits(' 500 000 ')).toBe(500_000);
    expect(parseCredits('-500000')).toBeUndefined();
    expect(parseCredits('-500000', { signed: true })).toBe(-500_000);
    expect(parseCredits('12.5k')).toBeUndefined();
    expect(parseCredits('12.50')).toBeUndefined();
    expect(parseCredits('1,5000')).toBeUndefined();
    expect(parseCredits('−1.000', { signed: true })).toBe(-1_000);
    expect(parseCredits('')).toBeUndefined();
  });
});
