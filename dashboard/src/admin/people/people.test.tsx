import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../../test/render';
import { json, stubFetch } from '../../test/fetchStub';
import type { PersonView } from '../people';
import { olga } from '../../test/people';
import { PeoplePage } from './PeoplePage';

const slow = { timeout: 10_000 };

const ops: PersonView = {
  id: 'p-2', email: 'ops@example.com', name: 'Olga', roles: ['admin', 'user'], accounts: ['ops@example.com'],
  status: 'active', federated: false, passwordSet: true, createdAt: '2026-12-01T10:00:00Z',
};
const bob: PersonView = {
  id: 'p-9', email: 'bob@example.com', name: 'Bob', roles: ['user'], accounts: ['bob@example.com'],
  status: 'active', federated: false, passwordSet: false, createdAt: '2026-12-02T10:00:00Z',
};

describe('people', () => {
  it('invites a person with only their email: the account defaults to it', async () => {
    const calls = stubFetch({
      'GET /api/people': [ops],
      'POST /api/people': (request: Request) => request.clone().json().then((b) => json({ ...bob, ...b, id: 'p-10' }, 201)),
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<PeoplePage />, { me: olga });
    expect(await screen.findByText('Olga', {}, slow)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Invite a person' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite a person' }, slow);
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    expect(within(dialog).getByText(/Enter an email address/)).toBeInTheDocument();

    await user.type(within(dialog).getByRole('textbox', { name: /Email/ }), 'alice@example.com');
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Alice');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Finance' }));
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByText('Invitation sent to alice@example.com.', {}, slow)).toBeInTheDocument();
    const post = calls.calls.find((c) => c.method === 'POST')!;
    expect(await post.json()).toEqual({ email: 'alice@example.com', name: 'Alice', roles: ['finance'], accounts: ['alice@example.com'] });
    // The list is asked again, so the new person shows.
    await waitFor(() => expect(calls.urls('/api/people').length).toBeGreaterThan(1));
  }, 60_000);

  it('shows the console’s refusal in the invitation dialog', async () => {
    stubFetch({
      'GET /api/people': [ops],
      'POST /api/people': () => json({ error: { message: 'A person with this email exists already.', code: 'email_taken' } }, 409),
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<PeoplePage />, { me: olga });
    await user.click(await screen.findByRole('button', { name: 'Invite a person' }, slow));
    const dialog = await screen.findByRole('dialog', {}, slow);
    await user.type(within(dialog).getByRole('textbox', { name: /Email/ }), 'ops@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    expect(await within(dialog).findByRole('alert', {}, slow)).toHaveTextContent('A person with this email exists already.');
  }, 60_000);

  it('resends an invitation and disables a person from the row’s menu', async () => {
    const calls = stubFetch({
      'GET /api/people': [ops, bob],
      'POST /api/people/p-9/invitation': { personId: 'p-9', email: 'bob@example.com' },
      'POST /api/people/p-9/disable': { ...bob, status: 'disabled' },
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<PeoplePage />, { me: olga });
    expect(await screen.findByText('Invited (no password yet)', {}, slow)).toBeInTheDocument();
    const row = screen.getByText('Bob').closest('[role="row"]') as HTMLElement;
    await user.click(within(row).getByRole('menuitem', { name: /more/i }));
    await user.click(await screen.findByRole('menuitem', { name: 'Resend the invitation to bob@example.com' }, slow));
    expect(await screen.findByText('A new invitation is on its way to bob@example.com.', {}, slow)).toBeInTheDocument();
    await user.click(within(row).getByRole('menuitem', { name: /more/i }));
    await user.click(await screen.findByRole('menuitem', { name: 'Disable bob@example.com' }, slow));
    await waitFor(() => expect(calls.calls.map((c) => `${c.method} ${new URL(c.url).pathname}`))
      .toContain('POST /api/people/p-9/disable'));
  }, 60_000);

  it('searches on the server', async () => {
    const calls = stubFetch({ 'GET /api/people': [] });
    const user = userEvent.setup({ delay: null });
    renderWith(<PeoplePage />, { me: olga });
    expect(await screen.findByText(/Nobody yet besides you/, {}, slow)).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Search name or email' }), 'bob');
    await waitFor(() => expect(calls.urls('/api/people').at(-1)!.searchParams.get('q')).toBe('bob'));
    expect(calls.urls('/api/people').at(-1)!.searchParams.get('limit')).toBe('500');
  }, 60_000);
});
