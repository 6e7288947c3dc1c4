import { describe, expect, it } from 'vitest';
import { hasRole } from '../api/me';
import type { Me } from '../api/types';
import type { Area } from './area';
import { areas, visibleAreas } from './areas';

const person = (roles: string[], accounts: string[]): Me => ({ id: 'p', email: 'e', name: 'n', roles, accounts, via: 'session' });
const area = (id: string, role: string): Area => ({ id, titleId: id, allows: (me) => hasRole(me, role), routes: [], nav: [] });
const all = [...areas, area('admin', 'admin'), area('finance', 'finance')];

describe('the navigation by role', () => {
  it('shows the user pages to everyone with an account, admin pages to admins, finance pages to finance', () => {
    const ids = (me: Me) => visibleAreas(all, me).map((a) => a.id);
    expect(ids(person(['user'], ['alice']))).toEqual(['user']);
    expect(ids(person(['user', 'admin'], ['ops']))).toEqual(['user', 'admin']);
    expect(ids(person(['user', 'finance'], []))).toEqual(['finance']);
  });
});
