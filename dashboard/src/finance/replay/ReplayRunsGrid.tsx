import { useMemo } from 'react';
import { Chip } from '@mui/material';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import type { UseQueryResult } from '@tanstack/react-query';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { EmptyState } from '../../common/EmptyState';
import { ErrorState } from '../../common/ErrorState';
import { formatCredits, formatDateTime } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { ReportCard } from '../ReportCard';
import type { ReplayRun } from '../types';
import { GRID_PAGE_SIZES } from '../../common/grid';

const RESULT_COLORS: Record<string, 'success' | 'error' | 'warning'> = { OK: 'success', FAILED: 'error', UNAVAILABLE: 'warning', ERROR: 'error' };

function columns(intl: IntlShape, locale: string): GridColDef<ReplayRun>[] {
  const header = (id: string) => intl.formatMessage({ id });
  const count = (v: number | undefined) => (v === undefined || v === null ? '' : formatCredits(v, locale));
  return [
    { field: 'startedAt', headerName: header('finance.col.started'), width: 180, valueFormatter: (v?: string) => (v ? formatDateTime(v, locale) : '') },
    {
      field: 'result', headerName: header('finance.col.result'), width: 150,
      renderCell: ({ value }) => {
        const id = `finance.replay.result.${value}`;
        return <Chip size="small" color={RESULT_COLORS[value] ?? 'default'} label={intl.messages[id] ? intl.formatMessage({ id }) : value} />;
      },
    },
    { field: 'source', headerName: header('finance.col.source'), width: 140 },
    { field: 'actor', headerName: header('finance.col.actor'), minWidth: 180, flex: 1 },
    { field: 'events', headerName: header('finance.col.events'), type: 'number', width: 130, valueFormatter: count },
    { field: 'brokenLinks', headerName: header('finance.col.brokenLinks'), type: 'number', width: 130, valueFormatter: count },
    { field: 'discrepancies', headerName: header('finance.col.discrepancies'), type: 'number', width: 130, valueFormatter: count },
    {
      field: 'finishedAt', headerName: header('finance.col.took'), width: 110,
      valueGetter: (_v: unknown, run: ReplayRun) => (run.startedAt && run.finishedAt
        ? intl.formatMessage({ id: 'finance.replay.seconds' }, {
          seconds: ((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1),
        }) : ''),
    },
  ];
}

/** Every replay run, newest first (the ledger keeps the latest 200): who, when, which source, what it found. */
export function ReplayRunsGrid({ query }: { query: UseQueryResult<ReplayRun[]> }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const cols = useMemo(() => columns(intl, locale), [intl, locale]);
  const title = intl.formatMessage({ id: 'finance.replay.history' });
  return (
    <ReportCard title={title}>
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : (
        <div style={{ height: 420 }}>
          <DataGrid<ReplayRun>
            aria-label={title}
            rows={query.data ?? []}
            columns={cols}
            getRowId={(run) => run.id ?? `${run.startedAt}`}
            loading={query.isPending}
            initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
            pageSizeOptions={GRID_PAGE_SIZES}
            disableRowSelectionOnClick
            slots={{ noRowsOverlay: () => <EmptyState message={<FormattedMessage id="finance.replay.noRuns" />} /> }}
            slotProps={{ loadingOverlay: { variant: 'skeleton', noRowsVariant: 'skeleton' } }}
            sx={{ border: 0 }}
          />
        </div>
      )}
    </ReportCard>
  );
}
