import type { Me } from '../api/types';

/** Test people: an admin with an account, an admin without one, and a finance person. */
export const olga: Me = {
  id: 'p-2', email: 'ops@example.com', name: 'Olga', roles: ['admin', 'user'], accounts: ['ops@example.com'], via: 'session',
};
export const adminWithoutAccount: Me = { ...olga, id: 'p-3', accounts: [] };
export const fiona: Me = {
  id: 'p-4', email: 'fiona@example.com', name: 'Fiona', roles: ['finance', 'user'], accounts: [], via: 'session',
};
