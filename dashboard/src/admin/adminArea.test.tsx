import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderApp } from '../test/render';
import { stubFetch } from '../test/fetchStub';
import { adminWithoutAccount, fiona, olga } from '../test/people';

const slow = { timeout: 10_000 };
const emptyPage = { items: [], page: 0, size: 50, total: 0 };

describe('the admin area', () => {
  it('is in an admin’s navigation', async () => {
    stubFetch({
      'GET /api/me': olga, 'GET /api/admin/accounts': emptyPage,
      'GET /api/notifications': { notifications: [], unread: 0 },
    });
    renderApp('/admin/users');
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' }, slow);
    for (const name of ['Users', 'People', 'Audit log', 'Prices']) {
      expect(within(nav).getAllByRole('link', { name }).length).toBeGreaterThan(0);
    }
  }, 60_000);

  it('is not in a finance person’s navigation, and its pages tell them so', async () => {
    const calls = stubFetch({ 'GET /api/me': fiona });
    renderApp('/admin/users');
    expect(await screen.findByText('Not for you', {}, slow)).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    for (const name of ['Users', 'People', 'Audit log', 'Prices']) {
      expect(within(nav).queryByRole('link', { name })).not.toBeInTheDocument();
    }
    expect(calls.urls('/api/admin/accounts')).toHaveLength(0);
  });

  it('is where an admin without a credit account lands when opening the app', async () => {
    stubFetch({ 'GET /api/me': adminWithoutAccount, 'GET /api/admin/accounts': emptyPage });
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Users' }, slow)).toBeInTheDocument();
    expect(screen.queryByText(/No credit account is linked/)).not.toBeInTheDocument();
  });

  it('speaks Portuguese', async () => {
    stubFetch({ 'GET /api/me': adminWithoutAccount, 'GET /api/admin/accounts': emptyPage });
    renderApp('/admin/users', 'pt-BR');
    expect(await screen.findByRole('heading', { level: 1, name: 'Usuários' }, slow)).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Buscar id do usuário' })).toBeInTheDocument();
  });
});
