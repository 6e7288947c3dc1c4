import { createContext, useContext } from 'react';
import { useQuery } from '@tanstack/react-query';
import { consoleApi, data } from './services';
import type { Me } from './types';

export const meQueryKey = ['me'] as const;

/** Who is signed in (console GET /api/me). */
export function useMeQuery() {
  return useQuery({ queryKey: meQueryKey, queryFn: () => data<Me>(consoleApi.GET('/api/me')), staleTime: 60_000 });
}

/** The signed-in person, once the shell has loaded them. */
export const MeContext = createContext<Me | undefined>(undefined);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) {
    throw new Error('useMe outside the shell');
  }
  return me;
}

/** A user's ledger account is their first account (the console's rule for the dashboard). */
export function accountIdOf(me: Me): string | undefined {
  return me.accounts[0];
}

export function useAccountId(): string {
  const id = accountIdOf(useMe());
  if (!id) {
    throw new Error('the user pages are shown only to people with an account');
  }
  return id;
}

export function hasRole(me: Me, role: string): boolean {
  return me.roles.includes(role);
}
