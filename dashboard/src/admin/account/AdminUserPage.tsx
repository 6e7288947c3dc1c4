import { useMemo, useState } from 'react';
import { Breadcrumbs, Button, Grid, Link, Stack, Typography } from '@mui/material';
import AddCardOutlined from '@mui/icons-material/AddCardOutlined';
import BlockOutlined from '@mui/icons-material/BlockOutlined';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutline';
import SpeedOutlined from '@mui/icons-material/SpeedOutlined';
import SwapVertOutlined from '@mui/icons-material/SwapVertOutlined';
import WorkspacesOutlined from '@mui/icons-material/WorkspacesOutlined';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link as RouterLink, useParams } from 'react-router';
import type { AccountView, GrantView } from '../../api/types';
import { PageHeader } from '../../common/PageHeader';
import { QueryState } from '../../common/QueryState';
import { last30Days } from '../../usage';
import { useLedgerAction, useUserAccount } from '../ledgerAdmin';
import { ADMIN_PATHS } from '../paths';
import { AccountCard } from './AccountCard';
import { AdjustDialog } from './AdjustDialog';
import { BlockDialog } from './BlockDialog';
import { CycleCapDialog } from './CycleCapDialog';
import { GrantDialog } from './GrantDialog';
import { GrantsCard } from './GrantsCard';
import { PlanDialog } from './PlanDialog';
import { RevokeGrantDialog } from './RevokeGrantDialog';
import { StatementCard } from './StatementCard';
import { UsageByDayCard } from './UsageByDayCard';
import { UsageByModelCard } from './UsageByModelCard';

type Open = 'grant' | 'adjust' | 'block' | 'plan' | 'cap' | { revoke: GrantView } | undefined;

/** One user, for an admin: the account and its grants, usage, statement, and every ledger action (each asks why). */
export function AdminUserPage() {
  const intl = useIntl();
  const userId = useParams().userId ?? '';
  const account = useUserAccount(userId);
  const action = useLedgerAction(userId);
  const window = useMemo(() => last30Days(), []);
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);
  const common = { userId, act: action.mutateAsync, onClose: close };
  const actions = (a: AccountView) => (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
      <Button variant="contained" startIcon={<AddCardOutlined />} onClick={() => setOpen('grant')}>
        <FormattedMessage id="admin.action.grant" />
      </Button>
      <Button variant="outlined" startIcon={<SwapVertOutlined />} onClick={() => setOpen('adjust')}>
        <FormattedMessage id="admin.action.adjust" />
      </Button>
      <Button variant="outlined" startIcon={<WorkspacesOutlined />} onClick={() => setOpen('plan')}>
        <FormattedMessage id="admin.action.plan" />
      </Button>
      <Button variant="outlined" startIcon={<SpeedOutlined />} onClick={() => setOpen('cap')}>
        <FormattedMessage id="admin.action.cap" />
      </Button>
      <Button
        variant="outlined"
        color={a.status === 'BLOCKED' ? 'success' : 'error'}
        startIcon={a.status === 'BLOCKED' ? <CheckCircleOutline /> : <BlockOutlined />}
        onClick={() => setOpen('block')}
      >
        <FormattedMessage id={a.status === 'BLOCKED' ? 'admin.action.unblock' : 'admin.action.block'} />
      </Button>
    </Stack>
  );
  return (
    <>
      <Breadcrumbs aria-label={intl.formatMessage({ id: 'admin.breadcrumbs' })} sx={{ mb: 1 }}>
        <Link component={RouterLink} to={ADMIN_PATHS.users}><FormattedMessage id="admin.users.title" /></Link>
        <Typography color="text.primary" aria-current="page">{userId}</Typography>
      </Breadcrumbs>
      <PageHeader title={userId} />
      <QueryState query={account} lines={6}>
        {(a) => (
          <Grid container spacing={2}>
            <Grid size={12}>{actions(a)}</Grid>
            <Grid size={{ xs: 12, md: 5 }}><AccountCard account={a} /></Grid>
            <Grid size={{ xs: 12, md: 7 }}><GrantsCard grants={a.grants} onRevoke={(grant) => setOpen({ revoke: grant })} /></Grid>
            <Grid size={{ xs: 12, lg: 7 }}><UsageByDayCard userId={userId} window={window} /></Grid>
            <Grid size={{ xs: 12, lg: 5 }}><UsageByModelCard userId={userId} window={window} /></Grid>
            <Grid size={12}><StatementCard userId={userId} /></Grid>
            {open === 'grant' && <GrantDialog {...common} />}
            {open === 'adjust' && <AdjustDialog {...common} />}
            {open === 'block' && <BlockDialog {...common} blocked={a.status === 'BLOCKED'} />}
            {open === 'plan' && <PlanDialog {...common} currentPlanId={a.planId} />}
            {open === 'cap' && <CycleCapDialog {...common} currentCapCredits={a.cycleCapCredits} />}
            {typeof open === 'object' && <RevokeGrantDialog grant={open.revoke} act={action.mutateAsync} onClose={close} />}
          </Grid>
        )}
      </QueryState>
    </>
  );
}
