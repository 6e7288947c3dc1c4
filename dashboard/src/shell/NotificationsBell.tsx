import { Badge, IconButton, Tooltip } from '@mui/material';
import NotificationsOutlined from '@mui/icons-material/NotificationsOutlined';
import { Link } from 'react-router';
import { useIntl } from 'react-intl';
import { useNotifications } from '../api/notifications';

/** The bell: the unread count as a badge, a link to the notifications page. */
export function NotificationsBell({ userId }: { userId: string }) {
  const intl = useIntl();
  const unread = useNotifications(userId).data?.unread ?? 0;
  const label = intl.formatMessage({ id: 'shell.notifications' }, { unread });
  return (
    <Tooltip title={label}>
      <IconButton component={Link} to="/notifications" aria-label={label} color="inherit">
        <Badge badgeContent={unread} color="error" max={99}>
          <NotificationsOutlined />
        </Badge>
      </IconButton>
    </Tooltip>
  );
}
