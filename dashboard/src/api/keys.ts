/*
 * The gateway's personal API keys (gateway-service keys/KeysHandler). The gateway publishes no OpenAPI document, so
 * these are typed by hand from the handler's `view(VirtualKey)`.
 */
import { request } from './client';

/** A key as listed: never the secret, only its first characters (`prefix`). */
export interface VirtualKey {
  id: string;
  object: 'virtual_key';
  prefix: string;
  userId: string;
  name: string | null;
  /** The key's own budget in credits; null when it spends from the account without a limit of its own. */
  budgetCredits: number | null;
  spentCredits: number;
  createdAt: string;
  revokedAt: string | null;
}

/** The answer to a create: the key and, this once only, its secret. */
export interface CreatedKey extends VirtualKey {
  key: string;
}

export interface CreateKeyRequest {
  userId: string;
  name?: string;
  budgetCredits?: number;
}

export function listKeys(userId: string): Promise<VirtualKey[]> {
  return request<{ object: 'list'; data: VirtualKey[] }>('GET', '/api/keys', { query: { userId } })
    .then((list) => list.data);
}

export function createKey(body: CreateKeyRequest): Promise<CreatedKey> {
  return request<CreatedKey>('POST', '/api/keys', { body });
}

export function revokeKey(id: string): Promise<VirtualKey> {
  return request<VirtualKey>('DELETE', `/api/keys/${encodeURIComponent(id)}`);
}
