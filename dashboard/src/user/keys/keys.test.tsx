import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { alice, renderWith } from '../../test/render';
import { json, stubFetch } from '../../test/fetchStub';
import type { VirtualKey } from '../../api/keys';
import { KeysPage } from './KeysPage';

const id = alice.accounts[0];
const laptop: VirtualKey = {
  id: 'vk_1', object: 'virtual_key', prefix: 'cg-abc', userId: id, name: 'laptop', budgetCredits: null, spentCredits: 1_234,
  createdAt: '2026-12-01T10:00:00Z', revokedAt: null,
};

describe('the API keys page', () => {
  it('creates a key and shows its secret once, with the warning', async () => {
    const keys: VirtualKey[] = [];
    const calls = stubFetch({
      'GET /api/keys': () => ({ object: 'list', data: keys }),
      'POST /api/keys': () => {
        keys.push(laptop);
        return json({ ...laptop, key: 'cg-abc-secret-value' }, 201);
      },
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<KeysPage />);
    expect(await screen.findByText('You have no API keys.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'laptop');
    await user.type(within(dialog).getByRole('textbox', { name: /Budget of its own/ }), '500000');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(await within(dialog).findByDisplayValue('cg-abc-secret-value')).toBeInTheDocument();
    expect(within(dialog).getByText(/you will not see it again/)).toBeInTheDocument();
    expect(await calls.calls.find((c) => c.method === 'POST')!.clone().json())
      .toEqual({ name: 'laptop', budgetCredits: 500000, userId: id });
    await user.click(within(dialog).getByRole('button', { name: 'I have copied it' }));
    await waitFor(() => expect(screen.queryByDisplayValue('cg-abc-secret-value')).not.toBeInTheDocument());
    expect(await screen.findByText('laptop')).toBeInTheDocument();
  });

  it('revokes a key only after the confirmation', async () => {
    let revoked = false;
    const calls = stubFetch({
      'GET /api/keys': () => ({ object: 'list', data: [{ ...laptop, revokedAt: revoked ? '2026-12-02T10:00:00Z' : null }] }),
      'DELETE /api/keys/vk_1': () => { revoked = true; return { ...laptop, revokedAt: '2026-12-02T10:00:00Z' }; },
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<KeysPage />);
    await user.click(await screen.findByRole('button', { name: 'Revoke key laptop' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this key?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls.calls.some((c) => c.method === 'DELETE')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Revoke key laptop' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Revoke this key?' })).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText(/Revoked on/)).toBeInTheDocument();
    expect(calls.calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
  });
});
