import { Chip } from '@mui/material';
import { useIntl } from 'react-intl';

const COLORS: Record<string, 'success' | 'warning' | 'error' | 'default'> = {
  ACTIVE: 'success', EXHAUSTED: 'warning', BLOCKED: 'error',
};

/** The account's status as a chip; what it means is said beside it (StatusExplanation). */
export function StatusChip({ status }: { status: string }) {
  const intl = useIntl();
  const known = status in COLORS;
  return (
    <Chip
      size="small"
      color={COLORS[status] ?? 'default'}
      label={known ? intl.formatMessage({ id: `user.status.${status}` }) : status}
    />
  );
}
