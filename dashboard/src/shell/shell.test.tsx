import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { browser } from '../api/browser';
import { alice, renderApp } from '../test/render';
import { json, stubFetch } from '../test/fetchStub';
import { LOCALE_STORAGE_KEY } from '../i18n/locales';

const account = {
  userId: alice.accounts[0], balanceCredits: 12_345_678, cycleCredits: 10_000_000, spentCycleCredits: 4_200_000,
  utilisationBasisPoints: 4_200, spendableCredits: 12_345_678, status: 'ACTIVE', version: 7, planId: 'free',
  cycleEndsAt: '2027-01-01T03:00:00Z',
};
const emptyReport = { from: '', to: '', zone: 'UTC', items: [] };

function stubUserApis(overrides: Record<string, unknown> = {}) {
  return stubFetch({
    'GET /api/me': alice,
    [`GET /api/accounts/${alice.accounts[0]}`]: account,
    [`GET /api/accounts/${alice.accounts[0]}/usage/by-model`]: emptyReport,
    [`GET /api/accounts/${alice.accounts[0]}/usage/by-day`]: emptyReport,
    'GET /api/notifications': { notifications: [], unread: 3 },
    'GET /api/payments/packs': { packs: [] },
    [`GET /api/payments/users/${alice.accounts[0]}/purchases`]: { purchases: [] },
    ...overrides,
  });
}

describe('the shell', () => {
  it('sends the browser to the console’s sign-in page when the session has ended (401)', async () => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => undefined);
    stubFetch({ 'GET /api/me': () => json({ error: { message: 'Sign in first', code: 'unauthorized' } }, 401) });
    renderApp('/');
    await waitFor(() => expect(assign).toHaveBeenCalledWith('/login'));
  });

  it('shows the person, the unread badge and the user navigation', async () => {
    stubUserApis();
    renderApp('/');
    expect(await screen.findByText('Alice')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Notifications, 3 unread' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getAllByRole('link', { name: 'Statement' }).length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('switches to Portuguese, and remembers the choice', async () => {
    stubUserApis();
    const user = userEvent.setup({ delay: null });
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Overview' });
    await user.click(screen.getByRole('combobox', { name: 'Language' }));
    await user.click(await screen.findByRole('option', { name: 'Português (Brasil)' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Visão geral' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sair' })).toBeInTheDocument();
    expect(await screen.findByText('12.345.678 créditos')).toBeInTheDocument();
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('pt-BR');
  });

  it('tells a person without an account that the user pages are not for them', async () => {
    stubFetch({ 'GET /api/me': { ...alice, accounts: [] }, 'GET /api/notifications': { notifications: [], unread: 0 } });
    renderApp('/statement');
    expect(await screen.findByText(/No credit account is linked/)).toBeInTheDocument();
  });
});
