import { useMemo } from 'react';
import { Grid } from '@mui/material';
import { useIntl } from 'react-intl';
import { useAccountId } from '../../api/me';
import { PageHeader } from '../../common/PageHeader';
import { QueryState } from '../../common/QueryState';
import { browserTimeZone, dayInZone, daysBefore, nextDay } from '../../format';
import { useAccount, useUsageByModel, type UsageWindow } from '../queries';
import { useAccountCurrency } from '../useAccountCurrency';
import { BalanceCard } from './BalanceCard';
import { CycleGauge } from './CycleGauge';
import { SpendByDayChart } from './SpendByDayChart';
import { SpendByModelChart } from './SpendByModelChart';
import { topModels } from './usageSeries';

/** The last 30 days, counted in the person's time zone. */
export function last30Days(now: Date = new Date(), zone: string = browserTimeZone()): UsageWindow {
  const to = nextDay(dayInZone(now, zone));
  return { from: daysBefore(to, 30), to, zone };
}

/** The user's start page: balance, the cycle's use, spend by day and by model. */
export function OverviewPage() {
  const intl = useIntl();
  const userId = useAccountId();
  const account = useAccount(userId);
  const rate = useAccountCurrency(userId);
  const window = useMemo(() => last30Days(), []);
  const byModel = useUsageByModel(userId, window);
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
