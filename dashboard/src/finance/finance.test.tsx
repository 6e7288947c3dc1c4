import { describe, expect, it } from 'vitest';
import { configure, screen, within } from '@testing-library/react';
import { alice, renderApp } from '../test/render';
import { stubFetch } from '../test/fetchStub';
import type { Me } from '../api/types';
import { fiona } from '../test/people';

// The data grid and the dialogs render slowly in jsdom on a busy machine: wait longer than the 1 s default.
configure({ asyncUtilTimeout: 10_000 });

const emptyReport = { from: '', to: '', zone: 'UTC', items: [] };

function stubFor(me: Me) {
  return stubFetch({
    'GET /api/me': me,
    'GET /api/notifications': { notifications: [], unread: 0 },
    'GET /api/admin/usage/by-model': emptyReport,
    'GET /api/admin/usage/by-day': emptyReport,
    'GET /api/admin/usage/top-users': emptyReport,
  });
}

describe('the finance area', { timeout: 60_000 }, () => {
  it('gives a finance person the finance pages and nothing of the admin’s: no admin page, no grant or adjust', async () => {
    stubFor(fiona);
    renderApp('/finance/reports');
    expect(await screen.findByRole('heading', { level: 1, name: 'Organisation reports' })).toBeInTheDocument();
    const nav = screen.getAllByRole('navigation', { name: 'Main navigation' })[0];
    for (const name of ['Organisation reports', 'Purchases and refunds', 'Manual purchase', 'Replay and verify']) {
      expect(within(nav).getAllByRole('link', { name }).length).toBeGreaterThan(0);
    }
    const hrefs = within(nav).getAllByRole('link').map((a) => a.getAttribute('href') ?? '');
    expect(hrefs.filter((href) => href.startsWith('/admin'))).toEqual([]);
    expect(screen.queryByRole('button', { name: /grant|adjust/i })).not.toBeInTheDocument();
  });

  it('tells a person without the finance or admin role that the finance pages are not for them', async () => {
    stubFetch({ 'GET /api/me': alice, 'GET /api/notifications': { notifications: [], unread: 0 } });
    renderApp('/finance/replay');
    expect(await screen.findByText('Not for you')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Run replay' })).not.toBeInTheDocument();
  });

  it('renders in Portuguese', async () => {
    stubFor(fiona);
    renderApp('/finance/reports', 'pt-BR');
    expect(await screen.findByRole('heading', { level: 1, name: 'Relatórios da organização' })).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Baixar CSV: Custo por modelo' }).length).toBe(1);
  });
});
