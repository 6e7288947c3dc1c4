import { Button, Card, List } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { useAccountId } from '../../api/me';
import { useMarkAllRead, useMarkRead, useNotifications } from '../../api/notifications';
import { EmptyState } from '../../common/EmptyState';
import { ErrorState } from '../../common/ErrorState';
import { PageHeader } from '../../common/PageHeader';
import { QueryState } from '../../common/QueryState';
import { NotificationItem } from './NotificationItem';

/** The account's notifications, newest first; mark one or all as read. */
export function NotificationsPage() {
  const intl = useIntl();
  const userId = useAccountId();
  const query = useNotifications(userId);
  const markRead = useMarkRead(userId);
  const markAll = useMarkAllRead(userId);
  return (
    <>
      <PageHeader
        title={intl.formatMessage({ id: 'user.notifications.title' })}
        action={(
          <Button variant="outlined" onClick={() => markAll.mutate()} disabled={!query.data?.unread || markAll.isPending}>
            <FormattedMessage id="user.notifications.markAll" />
          </Button>
        )}
      />
      {(markRead.isError || markAll.isError) && <ErrorState error={markRead.error ?? markAll.error} />}
      <QueryState query={query}>
        {(page) => (page.notifications.length === 0
          ? <EmptyState message={<FormattedMessage id="user.notifications.none" />} />
          : (
            <Card>
              <List disablePadding>
                {page.notifications.map((n) => (
                  <NotificationItem key={n.id} notification={n} busy={markRead.isPending} onMarkRead={() => markRead.mutate(n.id)} />
                ))}
              </List>
            </Card>
          ))}
      </QueryState>
    </>
  );
}
