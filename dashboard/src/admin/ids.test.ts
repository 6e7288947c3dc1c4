import { describe, expect, it } from 'vitest';
import { parseCredits } from './credits';
import { newIdempotencyId } from './ledgerAdmin';
import { parseAccounts } from './people';

describe('what an admin types', () => {
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

  it('reads accounts one per line or comma-separated, without blanks or repeats', () => {
    expect(parseAccounts('alice@example.com\n bob@example.com ,alice@example.com\n\n')).toEqual(['alice@example.com', 'bob@example.com']);
  });

  it('makes a different idempotency id for each dialog, within the ledger’s id rule', () => {
    const a = newIdempotencyId('ui-grant');
    expect(a).toMatch(/^ui-grant-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).toMatch(/^[A-Za-z0-9._:-]{1,200}$/);
    expect(newIdempotencyId('ui-grant')).not.toBe(a);
  });
});
