/*
 * The gateway's personal API keys (gateway-service keys/KeysHandler), typed from its OpenAPI document
 * (dashboard/openapi/gateway.json, records in keys/KeysApi).
 */
import type { components } from './generated/gateway';
import { data, gateway } from './services';

type Gateway = components['schemas'];

/**
 * A key as listed: never the secret, only its first characters (`prefix`). The gateway writes `name`,
 * `budgetCredits` (no budget of its own) and `revokedAt` as null when absent (KeysApi.KeyView has no NON_NULL), which
 * the document does not say, so those three are typed nullable here.
 */
export type VirtualKey = Omit<Gateway['KeyView'], 'name' | 'budgetCredits' | 'revokedAt'> & {
  id: string;
  object: 'virtual_key';
  prefix: string;
  userId: string;
  name: string | null;
  budgetCredits: number | null;
  spentCredits: number;
  createdAt: string;
  revokedAt: string | null;
};

/** The answer to a create: the key and, this once only, its secret. */
export type CreatedKey = VirtualKey & { key: string };

export type CreateKeyRequest = Gateway['KeyCreation'] & { userId: string };

export function listKeys(userId: string): Promise<VirtualKey[]> {
  return data<{ data: VirtualKey[] }>(gateway.GET('/api/keys', { params: { query: { userId } } })).then((list) => list.data);
}

export function createKey(body: CreateKeyRequest): Promise<CreatedKey> {
  return data<CreatedKey>(gateway.POST('/api/keys', { body }));
}

export function revokeKey(id: string): Promise<VirtualKey> {
  return data<VirtualKey>(gateway.DELETE('/api/keys/{id}', { params: { path: { id } } }));
}
