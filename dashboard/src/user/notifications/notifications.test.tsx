import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { alice, renderWith } from '../../test/render';
import { stubFetch } from '../../test/fetchStub';
import { NotificationsPage } from './NotificationsPage';

const id = alice.accounts[0];

describe('the notifications page', () => {
  it('lists notifications, marks one read and then all, for the person’s account', async () => {
    let unread = 2;
    const calls = stubFetch({
      'GET /api/notifications': () => ({
        unread,
        notifications: [
          { id: 7, userId: id, kind: 'THRESHOLD_CROSSED', title: '80 % used', body: 'You used 80 %.', createdAt: '2026-12-01T10:00:00Z', readAt: unread > 1 ? null : '2026-12-01T11:00:00Z' },
          { id: 6, userId: id, kind: 'PAYMENT_TOP_UP_FAILED', title: 'Top-up failed', body: 'Declined.', createdAt: '2026-11-30T10:00:00Z', readAt: unread > 0 ? null : '2026-12-01T11:00:00Z' },
        ],
      }),
      'POST /api/notifications/7/read': () => { unread = 1; return { id: 7, read: true }; },
      'POST /api/notifications/read-all': () => { unread = 0; return { marked: 1 }; },
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<NotificationsPage />);
    await user.click(await screen.findByRole('button', { name: 'Mark as read: 80 % used' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Mark as read: 80 % used' })).not.toBeInTheDocument());
    expect(calls.urls('/api/notifications/7/read')[0].searchParams.get('userId')).toBe(id);
    await user.click(screen.getByRole('button', { name: 'Mark all as read' }));
    await waitFor(() => expect(screen.queryByText('Unread')).not.toBeInTheDocument());
    expect(calls.urls('/api/notifications/read-all')).toHaveLength(1);
  });

  it('says what the page is for when there is nothing', async () => {
    stubFetch({ 'GET /api/notifications': { notifications: [], unread: 0 } });
    renderWith(<NotificationsPage />);
    expect(await screen.findByText(/No notifications/)).toBeInTheDocument();
  });
});
