import { Box, Typography } from '@mui/material';
import InboxOutlined from '@mui/icons-material/InboxOutlined';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';

/** What a list or chart shows when there is nothing in it, and what to do about it. */
export function EmptyState({ message, action }: { message?: ReactNode; action?: ReactNode }) {
  return (
    <Box sx={{ py: 4, textAlign: 'center', color: 'text.secondary' }}>
      <InboxOutlined aria-hidden fontSize="large" />
      <Typography sx={{ mt: 1 }}>{message ?? <FormattedMessage id="common.empty" />}</Typography>
      {action && <Box sx={{ mt: 2 }}>{action}</Box>}
    </Box>
  );
}
