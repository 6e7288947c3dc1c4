import { Box, Button, Chip, ListItem, ListItemText, Stack } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Notification } from '../../api/types';
import { formatDateTime } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';

/** One notification: title, body, when; unread ones are marked and have a "Mark as read" button. */
export function NotificationItem({ notification, onMarkRead, busy }: {
  notification: Notification;
  onMarkRead: () => void;
  busy: boolean;
}) {
  const intl = useIntl();
  const { locale } = useLocale();
  const unread = !notification.readAt;
  return (
    <ListItem
      divider
      sx={{ bgcolor: unread ? 'action.hover' : undefined, alignItems: 'flex-start' }}
      secondaryAction={unread ? (
        <Button
          size="small"
          onClick={onMarkRead}
          disabled={busy}
          aria-label={intl.formatMessage({ id: 'user.notifications.markReadLabel' }, { title: notification.title })}
        >
          <FormattedMessage id="user.notifications.markRead" />
        </Button>
      ) : undefined}
    >
      <ListItemText
        sx={{ pr: unread ? 16 : 0 }}
        primary={(
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Box component="span" sx={{ fontWeight: unread ? 600 : 400 }}>{notification.title}</Box>
            {unread && <Chip size="small" color="primary" label={intl.formatMessage({ id: 'user.notifications.unread' })} />}
          </Stack>
        )}
        secondary={(
          <>
            <Box component="span" sx={{ display: 'block', whiteSpace: 'pre-line' }}>{notification.body}</Box>
            <Box component="span" sx={{ display: 'block', mt: 0.5 }}>{formatDateTime(notification.createdAt, locale)}</Box>
          </>
        )}
      />
    </ListItem>
  );
}
