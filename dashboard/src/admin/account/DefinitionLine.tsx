import type { ReactNode } from 'react';
import { Stack, Typography } from '@mui/material';

/** One term and its value of a description list (<dl>): the label on the left, the value on the right. */
export function DefinitionLine({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack direction="row" spacing={2} sx={{ justifyContent: 'space-between', py: 0.5 }}>
      <Typography color="text.secondary" component="dt">{label}</Typography>
      <Typography component="dd" sx={{ m: 0, textAlign: 'right' }}>{children}</Typography>
    </Stack>
  );
}
