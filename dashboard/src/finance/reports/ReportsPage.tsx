import { useMemo, useState } from 'react';
import { Alert, Grid, Stack, Typography } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { PageHeader } from '../../common/PageHeader';
import { browserTimeZone } from '../../format';
import { DateRangeFields } from '../../common/DateRangeFields';
import { isValidRange, lastDays, type DayRange } from '../../common/dayRange';
import { topModels, usageWindow, useUsageByModel } from '../../usage';
import { CostByDayChart } from './CostByDayChart';
import { CostByModelTable } from './CostByModelTable';
import { TopUsersTable } from './TopUsersTable';

/** How many days the reports show until the person picks others. */
export const DEFAULT_DAYS = 30;

/** The organisation's cost by day (stacked by model), by model and its top users, for a range of the person's days. */
export function ReportsPage() {
  const intl = useIntl();
  const zone = useMemo(() => browserTimeZone(), []);
  const [range, setRange] = useState<DayRange>(() => lastDays(DEFAULT_DAYS, zone));
  // The reports follow the last valid range, so a half-typed date does not empty the page.
  const [asked, setAsked] = useState(range);
  const window = useMemo(() => usageWindow(asked, zone), [asked, zone]);
  const byModel = useUsageByModel('organisation', window);
  const models = byModel.data ? topModels(byModel.data.items) : undefined;
  const change = (next: DayRange) => {
    setRange(next);
    if (isValidRange(next, true)) {
      setAsked(next);
    }
  };
  return (
    <>
      <PageHeader
        title={intl.formatMessage({ id: 'finance.reports.title' })}
        action={<DateRangeFields value={range} onChange={change} required />}
      />
      <Stack spacing={1} sx={{ mb: 2 }}>
        <Typography color="text.secondary">
          <FormattedMessage id="finance.reports.zone" values={{ zone }} />
        </Typography>
        {!isValidRange(range, true) && <Alert severity="info"><FormattedMessage id="finance.range.incomplete" /></Alert>}
      </Stack>
      <Grid container spacing={2}>
        <Grid size={12}>
          <CostByDayChart window={window} models={byModel.isError ? [] : models} />
        </Grid>
        <Grid size={{ xs: 12, lg: 7 }}>
          <CostByModelTable window={window} query={byModel} />
        </Grid>
        <Grid size={{ xs: 12, lg: 5 }}>
          <TopUsersTable window={window} />
        </Grid>
      </Grid>
    </>
  );
}
