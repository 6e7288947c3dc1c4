import { describe, expect, it } from 'vitest';
import { newIdempotencyId } from './ledgerAdmin';
import { parseAccounts } from './people';

describe('what an admin types', () => {
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
