import { Box, Typography } from '@mui/material';
import { useEffect, type ReactNode } from 'react';

/** The page's one h1 (also the browser tab's title), and its actions on the right. */
export function PageHeader({ title, action }: { title: string; action?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Creditgate`;
  }, [title]);
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', mb: 3, gap: 2, flexWrap: 'wrap' }}>
      <Typography variant="h1" component="h1">{title}</Typography>
      {action}
    </Box>
  );
}
