/*
 * The console's people API (person/PeopleController, invitation/InvitationController). The console has no OpenAPI
 * document, so the shapes are typed here by hand from the Java records named beside them.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../api/client';

/** console person/PersonView; `status` is "active" or "disabled"; roles always include "user". */
export interface PersonView {
  id: string;
  email: string;
  name: string;
  roles: string[];
  accounts: string[];
  status: 'active' | 'disabled' | string;
  federated: boolean;
  passwordSet: boolean;
  lockedUntil?: string | null;
  createdAt: string;
}

/** console PeopleController.CreatePerson: "user" is implied; accounts are 1 to 50 ledger user ids. */
export interface CreatePerson {
  email: string;
  name: string;
  roles: string[];
  accounts: string[];
}

/** The roles an admin assigns (every person also has "user"). */
export const ASSIGNABLE_ROLES = ['admin', 'finance'] as const;

/** The most people one search answers (the console allows 1 to 500). */
export const PEOPLE_LIMIT = 500;

const peopleKey = ['people'] as const;

export function usePeople(q: string) {
  return useQuery({
    queryKey: [...peopleKey, q],
    queryFn: () => request<PersonView[]>('GET', '/api/people', { query: { q: q || undefined, limit: PEOPLE_LIMIT } }),
    placeholderData: keepPreviousData,
  });
}

export type PersonAction =
  | { kind: 'create'; body: CreatePerson }
  | { kind: 'roles'; id: string; roles: string[] }
  | { kind: 'accounts'; id: string; accounts: string[] }
  | { kind: 'disable' | 'enable' | 'invitation'; id: string };

function send(action: PersonAction): Promise<unknown> {
  switch (action.kind) {
    case 'create': return request<PersonView>('POST', '/api/people', { body: action.body });
    case 'roles': return request<PersonView>('PUT', `/api/people/${encodeURIComponent(action.id)}/roles`, { body: { roles: action.roles } });
    case 'accounts': return request<PersonView>('PUT', `/api/people/${encodeURIComponent(action.id)}/accounts`,
      { body: { accounts: action.accounts } });
    default: return request('POST', `/api/people/${encodeURIComponent(action.id)}/${action.kind}`);
  }
}

export function usePersonAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => client.invalidateQueries({ queryKey: peopleKey }),
  });
}

/** Ledger user ids typed one per line or separated by commas, without blanks and repeats. */
export function parseAccounts(text: string): string[] {
  return [...new Set(text.split(/[\n,]/).map((a) => a.trim()).filter(Boolean))];
}
