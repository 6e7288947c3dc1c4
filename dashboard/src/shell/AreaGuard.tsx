import type { ReactNode } from 'react';
import { Alert, AlertTitle } from '@mui/material';
import { FormattedMessage } from 'react-intl';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../api/me';
import type { Area } from './area';

/**
 * Shows an area's page only to those it allows (the APIs refuse them too; this says so in words). The app's start
 * (/) belongs to the user area; a person it does not allow (an admin or finance person without an account) is sent
 * to the first page of the first area they may see instead.
 */
export function AreaGuard({ area, areas = [], children }: { area: Area; areas?: Area[]; children: ReactNode }) {
  const me = useMe();
  const { pathname } = useLocation();
  if (area.allows(me)) {
    return <>{children}</>;
  }
  const start = pathname === '/' ? areas.find((a) => a.allows(me) && a.nav.length > 0) : undefined;
  if (start) {
    return <Navigate to={`/${start.nav[0].path}`} replace />;
  }
  return (
    <Alert severity="warning">
      <AlertTitle><FormattedMessage id="shell.forbidden.title" /></AlertTitle>
      <FormattedMessage id={area.id === 'user' ? 'shell.noAccount' : 'shell.forbidden.text'} />
    </Alert>
  );
}
