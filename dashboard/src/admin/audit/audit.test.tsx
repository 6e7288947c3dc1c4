import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../../test/render';
import { stubFetch } from '../../test/fetchStub';
import { browserTimeZone, startOfDay } from '../../format';
import { ACCESS_AUDIT_PAGE, type AccessAuditEntry } from '../audit';
import { olga } from '../../test/people';
import { AuditPage } from './AuditPage';

const slow = { timeout: 10_000 };

const grant = {
  id: 7, userId: 'alice@example.com', version: 3, type: 'GRANT', actor: 'ops@example.com', reason: 'Pilot',
  amountCredits: 5_000_000, occurredAt: '2026-12-01T10:00:00Z',
};

function access(id: number): AccessAuditEntry {
  return { id, occurredAt: '2026-12-01T10:00:00Z', actor: 'ops@example.com', action: `action_${id}`, subject: 'p-9', details: {} };
}

describe('the audit log', () => {
  it('pages the ledger’s admin actions on the server, filtered by type and the admin’s days', async () => {
    const calls = stubFetch({
      'GET /api/admin/audit': { page: 0, size: 50, totalItems: 1, items: [grant] },
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<AuditPage />, { me: olga });
    expect(await screen.findByText('Pilot', {}, slow)).toBeInTheDocument();
    expect(screen.getByText('+5,000,000')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'alice@example.com' })).toHaveAttribute('href', '/admin/users/alice%40example.com');

    await user.click(screen.getByRole('combobox', { name: 'Action' }));
    await user.click(await screen.findByRole('option', { name: 'Adjustment' }, slow));
    await user.type(screen.getByLabelText('From'), '2026-12-01');
    await waitFor(() => expect(calls.urls('/api/admin/audit').at(-1)!.searchParams.get('from')).not.toBeNull());
    const last = calls.urls('/api/admin/audit').at(-1)!.searchParams;
    expect(last.get('type')).toBe('ADJUSTMENT');
    expect(last.get('from')).toBe(startOfDay('2026-12-01', browserTimeZone()));
    expect(last.get('page')).toBe('0');
  }, 60_000);

  it('shows the console’s access audit in the other tab, and asks for older entries before the oldest shown', async () => {
    const calls = stubFetch({
      'GET /api/admin/audit': { page: 0, size: 50, totalItems: 0, items: [] },
      'GET /api/access-audit': (_r: Request, url: URL) => (url.searchParams.get('before')
        ? [access(1)]
        : Array.from({ length: ACCESS_AUDIT_PAGE }, (_, i) => access(200 - i))),
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<AuditPage />, { me: olga });
    await user.click(await screen.findByRole('tab', { name: 'People and access' }, slow));
    expect(await screen.findByText('action_200', {}, slow)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show older entries' }));
    await waitFor(() => expect(calls.urls('/api/access-audit').at(-1)!.searchParams.get('before')).toBe('101'));
    expect(calls.urls('/api/access-audit')[0].searchParams.get('limit')).toBe(String(ACCESS_AUDIT_PAGE));
  }, 60_000);

  it('lists the price changes in a third tab, paged by the gateway and filtered by model', async () => {
    const calls = stubFetch({
      'GET /api/admin/audit': { page: 0, size: 50, totalItems: 0, items: [] },
      'GET /api/admin/price-changes': (_r: Request, url: URL) => ({
        model: url.searchParams.get('model'), page: 0, size: 50, totalItems: 2, items: [
          {
            id: 13, version: 'change-13', action: 'SET', model: 'gpt-4o-mini', actor: 'ops@example.com', reason: 'OpenAI price change',
            price: { input: 0.165, cachedInput: 0.075, cacheWrite: 0.165, output: 0.66, reasoning: 0.66 },
            effectiveAt: '2026-12-07T10:00:00Z', recordedAt: '2026-12-07T10:00:00Z',
          },
          {
            id: 12, version: 'change-12', action: 'ALIAS', model: 'team-default', aliasOf: 'gpt-4o-mini', actor: 'ops@example.com',
            reason: 'Team default', effectiveAt: '2026-12-06T10:00:00Z', recordedAt: '2026-12-06T10:00:00Z',
          },
        ],
      }),
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<AuditPage />, { me: olga });
    await user.click(await screen.findByRole('tab', { name: 'Prices' }, slow));
    expect(await screen.findByText('OpenAI price change', {}, slow)).toBeInTheDocument();
    expect(screen.getByText('change-13')).toBeInTheDocument();
    expect(screen.getByText('Price set')).toBeInTheDocument();
    expect(screen.getByText(/Input 0\.165 · Cached input 0\.075/)).toBeInTheDocument();
    expect(screen.getByText('Alias added')).toBeInTheDocument();
    expect(screen.getByText('means gpt-4o-mini')).toBeInTheDocument();
    expect(calls.urls('/api/admin/price-changes')[0].searchParams.get('page')).toBe('0');

    await user.type(screen.getByRole('searchbox', { name: 'Model or alias (exact)' }), 'gpt-4o-mini');
    await waitFor(() => expect(calls.urls('/api/admin/price-changes').at(-1)!.searchParams.get('model')).toBe('gpt-4o-mini'));
  }, 60_000);
});
