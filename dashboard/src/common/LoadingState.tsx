import { Box, Skeleton } from '@mui/material';
import { useIntl } from 'react-intl';

/** Skeleton lines where content will appear; announced to screen readers as loading. */
export function LoadingState({ lines = 3, height = 24 }: { lines?: number; height?: number }) {
  const intl = useIntl();
  return (
    <Box role="status" aria-busy="true" aria-label={intl.formatMessage({ id: 'common.loading' })}>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} variant="rounded" height={height} sx={{ mb: 1 }} width={i === lines - 1 ? '60%' : '100%'} />
      ))}
    </Box>
  );
}
