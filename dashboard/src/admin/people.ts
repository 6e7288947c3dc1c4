/*
 * The console's people API (person/PeopleController, invitation/InvitationController), typed from the console's
 * OpenAPI document (dashboard/openapi/console.json).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../api/generated/console';
import { consoleApi, data } from '../api/services';

type Console = components['schemas'];

/** console person/PersonView; `status` is "active" or "disabled"; roles always include "user". */
export type PersonView = Omit<Required<Console['PersonView']>, 'lockedUntil'> & { lockedUntil?: string | null };

/** console PeopleController.CreatePerson: "user" is implied; accounts are 1 to 50 ledger user ids. */
export type CreatePerson = Required<Console['CreatePerson']>;

/** The roles an admin assigns (every person also has "user"). */
export const ASSIGNABLE_ROLES = ['admin', 'finance'] as const;

/** The most people one search answers (the console allows 1 to 500). */
export const PEOPLE_LIMIT = 500;

const peopleKey = ['people'] as const;

export function usePeople(q: string) {
  return useQuery({
    queryKey: [...peopleKey, q],
    queryFn: () => data<PersonView[]>(consoleApi.GET('/api/people', { params: { query: { q: q || undefined, limit: PEOPLE_LIMIT } } })),
    placeholderData: keepPreviousData,
  });
}

export type PersonAction =
  | { kind: 'create'; body: CreatePerson }
  | { kind: 'roles'; id: string; roles: string[] }
  | { kind: 'accounts'; id: string; accounts: string[] }
  | { kind: 'disable' | 'enable' | 'invitation'; id: string };

function send(action: PersonAction): Promise<unknown> {
  const person = (id: string) => ({ params: { path: { id } } });
  switch (action.kind) {
    case 'create': return data<PersonView>(consoleApi.POST('/api/people', { body: action.body }));
    case 'roles': return data<PersonView>(consoleApi.PUT('/api/people/{id}/roles', { ...person(action.id), body: { roles: action.roles } }));
    case 'accounts': return data<PersonView>(consoleApi.PUT('/api/people/{id}/accounts',
      { ...person(action.id), body: { accounts: action.accounts } }));
    case 'disable': return data(consoleApi.POST('/api/people/{id}/disable', person(action.id)));
    case 'enable': return data(consoleApi.POST('/api/people/{id}/enable', person(action.id)));
    case 'invitation': return data(consoleApi.POST('/api/people/{id}/invitation', person(action.id)));
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
