import { useMemo, useState } from 'react';
import { Alert, AlertTitle, Stack, Typography } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../api/errors';
import { CsvLink } from '../../common/CsvLink';
import { csvHref } from '../../common/csv';
import { DateRangeFields } from '../../common/DateRangeFields';
import { isValidRange, lastDays, type DayRange } from '../../common/dayRange';
import { ErrorState } from '../../common/ErrorState';
import { PageHeader } from '../../common/PageHeader';
import { formatDateTime } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { useReconciliation } from '../queries';
import { ReconciliationGrid } from './ReconciliationGrid';

/** How many UTC days the page shows until the person picks others. */
export const DEFAULT_DAYS = 7;
const PATH = '/api/finance/reconciliation';

/**
 * Creditgate's metered usage beside the provider's own (OpenAI's usage API or LiteLLM's spend logs), per UTC day and
 * model, with the drift of each measure highlighted beyond the ledger's tolerance; the totals per model; the CSV.
 */
export function ReconciliationPage() {
  const intl = useIntl();
  const { locale } = useLocale();
  const [range, setRange] = useState<DayRange>(() => lastDays(DEFAULT_DAYS, 'UTC'));
  // The report follows the last valid range, so a half-typed date does not empty the page.
  const [asked, setAsked] = useState(range);
  const report = useReconciliation(asked.fromDay, asked.toDay);
  const change = (next: DayRange) => {
    setRange(next);
    if (isValidRange(next, true)) {
      setAsked(next);
    }
  };
  const error = report.error instanceof ApiError ? report.error : undefined;
  const tolerance = report.data?.tolerancePercent ?? 0.5;
  const href = useMemo(() => csvHref(PATH, { from: asked.fromDay, to: asked.toDay }), [asked]);
  return (
    <>
      <PageHeader
        title={intl.formatMessage({ id: 'finance.recon.title' })}
        action={(
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <DateRangeFields value={range} onChange={change} required />
            <CsvLink href={href} what={intl.formatMessage({ id: 'finance.recon.csv' })} />
          </Stack>
        )}
      />
      <Stack spacing={2}>
        <Typography color="text.secondary" sx={{ maxWidth: 900 }}>
          <FormattedMessage id="finance.recon.intro" values={{ tolerance }} />{' '}
          <FormattedMessage id="finance.recon.utc" />
        </Typography>
        {!isValidRange(range, true) && <Alert severity="info"><FormattedMessage id="finance.range.incomplete" /></Alert>}
        {error?.code === 'reconciliation_not_configured' ? (
          <Alert severity="info">
            <AlertTitle><FormattedMessage id="finance.recon.notConfiguredTitle" /></AlertTitle>
            <FormattedMessage id="finance.recon.notConfigured" values={{ message: error.message }} />
          </Alert>
        ) : error?.status === 503 ? (
          <Alert severity="warning">
            <AlertTitle><FormattedMessage id="finance.recon.unavailableTitle" /></AlertTitle>
            {error.message}
          </Alert>
        ) : report.isError ? (
          <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        ) : (
          <>
            {report.data && (
              <Stack spacing={0.5}>
                <Typography>
                  <FormattedMessage id="finance.recon.source" values={{
                    source: report.data.source, readAt: report.data.readAt ? formatDateTime(report.data.readAt, locale) : '',
                  }} />
                </Typography>
                <Typography color={report.data.flaggedRows ? 'error' : 'text.secondary'}>
                  <FormattedMessage id="finance.recon.flagged" values={{ count: report.data.flaggedRows ?? 0 }} />
                </Typography>
              </Stack>
            )}
            <ReconciliationGrid titleId="finance.recon.days" rows={report.data?.rows ?? []} loading={report.isPending} />
            <ReconciliationGrid titleId="finance.recon.totals" rows={report.data?.totals ?? []} loading={report.isPending} totals />
          </>
        )}
      </Stack>
    </>
  );
}
