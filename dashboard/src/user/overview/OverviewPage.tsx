import { useMemo } from 'react';
import { Grid } from '@mui/material';
import { useIntl } from 'react-intl';
import { useAccountId } from '../../api/me';
import { PageHeader } from '../../common/PageHeader';
import { QueryState } from '../../common/QueryState';
import { last30Days, topModels, useUsageByModel } from '../../usage';
import { useAccount } from '../queries';
import { useAccountCurrency } from '../useAccountCurrency';
import { BalanceCard } from './BalanceCard';
import { CycleGauge } from './CycleGauge';
import { SpendByDayChart } from './SpendByDayChart';
import { SpendByModelChart } from './SpendByModelChart';

/** The user's start page: balance, the cycle's use, spend by day and by model. */
export function OverviewPage() {
  const intl = useIntl();
  const userId = useAccountId();
  const account = useAccount(userId);
  const rate = useAccountCurrency(userId);
  const window = useMemo(() => last30Days(), []);
  const byModel = useUsageByModel({ userId }, window);
  const models = byModel.data ? topModels(byModel.data.items) : undefined;
  return (
    <>
      <PageHeader title={intl.formatMessage({ id: 'user.overview.title' })} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <QueryState query={account}>{(a) => <BalanceCard account={a} rate={rate} />}</QueryState>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <QueryState query={account}>{(a) => <CycleGauge account={a} />}</QueryState>
        </Grid>
        <Grid size={{ xs: 12, lg: 8 }}>
          <SpendByDayChart userId={userId} window={window} models={byModel.isError ? [] : models} />
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <SpendByModelChart query={byModel} />
        </Grid>
      </Grid>
    </>
  );
}
