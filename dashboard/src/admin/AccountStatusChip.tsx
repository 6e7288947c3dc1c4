import { Chip } from '@mui/material';
import { useIntl } from 'react-intl';

const COLORS: Record<string, 'success' | 'warning' | 'error'> = { ACTIVE: 'success', EXHAUSTED: 'warning', BLOCKED: 'error' };

/** An account's status (ACTIVE, EXHAUSTED, BLOCKED) as a coloured chip with its name in the admin's language. */
export function AccountStatusChip({ status }: { status: string }) {
  const intl = useIntl();
  return (
    <Chip
      size="small"
      color={COLORS[status] ?? 'default'}
      label={status in COLORS ? intl.formatMessage({ id: `admin.status.${status}` }) : status}
    />
  );
}
