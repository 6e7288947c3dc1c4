import type { ReactNode } from 'react';
import { Alert, AlertTitle } from '@mui/material';
import { FormattedMessage } from 'react-intl';
import { useMe } from '../api/me';
import type { Area } from './area';

/** Shows an area's page only to those it allows (the APIs refuse them too; this says so in words). */
export function AreaGuard({ area, children }: { area: Area; children: ReactNode }) {
  const me = useMe();
  if (area.allows(me)) {
    return <>{children}</>;
  }
  return (
    <Alert severity="warning">
      <AlertTitle><FormattedMessage id="shell.forbidden.title" /></AlertTitle>
      <FormattedMessage id={area.id === 'user' ? 'shell.noAccount' : 'shell.forbidden.text'} />
    </Alert>
  );
}
