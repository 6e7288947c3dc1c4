import { describe, expect, it } from 'vitest';
import type { Me } from '../api/types';
import { areas, visibleAreas } from './areas';

const person = (roles: string[], accounts: string[]): Me => ({ id: 'p', email: 'e', name: 'n', roles, accounts, via: 'session' });

describe('the navigation by role', () => {
  it('lists every area once, in navigation order', () => {
    expect(areas.map((a) => a.id)).toEqual(['user', 'admin', 'finance']);
  });

  it('shows the user pages to everyone with an account, admin pages to admins, finance pages to finance and admins', () => {
    const ids = (me: Me) => visibleAreas(areas, me).map((a) => a.id);
    expect(ids(person(['user'], ['alice']))).toEqual(['user']);
    // The payment service lets admins read and refund purchases too (PaymentAccess: roles(ADMIN, FINANCE)).
    expect(ids(person(['user', 'admin'], ['ops']))).toEqual(['user', 'admin', 'finance']);
    expect(ids(person(['user', 'finance'], []))).toEqual(['finance']);
  });

  it('shows nothing to a person with neither an account nor a staff role', () => {
    expect(visibleAreas(areas, person(['user'], []))).toEqual([]);
  });
});
