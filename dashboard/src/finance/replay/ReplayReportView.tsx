import { Alert, AlertTitle, Box, Chip, Stack, Typography } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { formatCredits, formatDateTime } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { ReportCard } from '../ReportCard';
import type { ReplayReport } from '../types';
import { BrokenLinksTable } from './BrokenLinksTable';
import { DiscrepanciesTable } from './DiscrepanciesTable';

/** A finished replay: what it folded and checked, and every broken link and mismatch with its account. */
export function ReplayReportView({ report }: { report: ReplayReport }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const n = (value: number | undefined) => formatCredits(value ?? 0, locale);
  const links = report.brokenLinks ?? [];
  const mismatches = report.discrepancies ?? [];
  const figures: [string, string][] = [
    ['finance.replay.events', n(report.events)],
    ['finance.replay.storedEvents', n(report.storedEvents)],
    ['finance.replay.accounts', n(report.accounts)],
    ['finance.replay.duration', intl.formatMessage({ id: 'finance.replay.seconds' }, { seconds: ((report.durationMillis ?? 0) / 1000).toFixed(1) })],
    ['finance.replay.rate', n(report.eventsPerSecond)],
    ['finance.replay.repeated', n(report.repeatedEntries)],
  ];
  const title = intl.formatMessage({ id: 'finance.replay.report' });
  return (
    <ReportCard
      title={title}
      action={<Chip color={report.ok ? 'success' : 'error'} label={intl.formatMessage({ id: report.ok ? 'finance.replay.ok' : 'finance.replay.failed' })} />}
    >
      <Alert severity={report.ok ? 'success' : 'error'} sx={{ mb: 2 }}>
        <AlertTitle>
          <FormattedMessage id={report.ok ? 'finance.replay.okTitle' : 'finance.replay.failedTitle'}
            values={{ links: links.length, mismatches: mismatches.length }} />
        </AlertTitle>
        <FormattedMessage id="finance.replay.ranAt" values={{
          date: report.startedAt ? formatDateTime(report.startedAt, locale) : '', source: report.source ?? '',
        }} />
      </Alert>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content auto', columnGap: 3, rowGap: 0.5, m: 0, mb: 2 }}>
        {figures.map(([id, value]) => (
          <Box key={id} sx={{ display: 'contents' }}>
            <Typography component="dt" color="text.secondary"><FormattedMessage id={id} /></Typography>
            <Typography component="dd" sx={{ m: 0 }}>{value}</Typography>
          </Box>
        ))}
      </Box>
      <Stack spacing={3}>
        {links.length > 0 && <BrokenLinksTable links={links} />}
        {mismatches.length > 0 && <DiscrepanciesTable mismatches={mismatches} />}
      </Stack>
    </ReportCard>
  );
}
