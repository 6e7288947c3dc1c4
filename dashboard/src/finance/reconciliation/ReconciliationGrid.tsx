import { useMemo } from 'react';
import { Box, Chip } from '@mui/material';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { EmptyState } from '../../common/EmptyState';
import { GRID_PAGE_SIZES } from '../../common/grid';
import { formatCredits } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { ReportCard } from '../ReportCard';
import type { ReconciliationRow } from '../types';

/** The measures a row compares: the drift's field, and where ours and theirs are. */
const MEASURES = [
  { measure: 'requests', col: 'driftRequests' },
  { measure: 'inputTokens', col: 'driftInput' },
  { measure: 'cachedInputTokens', col: 'driftCached' },
  { measure: 'outputTokens', col: 'driftOutput' },
] as const;

type Measure = typeof MEASURES[number]['measure'];

/** A drift in percent with its sign, or a dash where the provider counted 0 (flagged when ours is not). */
function driftText(value: number | undefined | null, intl: IntlShape): string {
  if (value === undefined || value === null) {
    return intl.formatMessage({ id: 'finance.recon.noDrift' });
  }
  return `${intl.formatNumber(value, { signDisplay: 'exceptZero', maximumFractionDigits: 2 })} %`;
}

function columns(intl: IntlShape, locale: string, totals: boolean): GridColDef<ReconciliationRow>[] {
  const header = (id: string) => intl.formatMessage({ id });
  const count = (v: number | undefined) => (v === undefined || v === null ? '' : formatCredits(v, locale));
  const number = (field: string, id: string, get: (row: ReconciliationRow) => number | undefined): GridColDef<ReconciliationRow> => ({
    field, headerName: header(id), type: 'number', width: 120, valueGetter: (_v: unknown, row: ReconciliationRow) => get(row),
    valueFormatter: count,
  });
  const drift = (measure: Measure, col: string): GridColDef<ReconciliationRow> => ({
    field: col, headerName: header(`finance.recon.col.${col}`), type: 'number', width: 130,
    valueGetter: (_v: unknown, row: ReconciliationRow) => row.drift?.[measure],
    renderCell: ({ row }) => {
      const flagged = row.flaggedMeasures?.includes(measure) ?? false;
      return (
        <Box
          component="span"
          sx={flagged ? { color: 'error.main', fontWeight: 700 } : undefined}
          aria-label={flagged ? `${driftText(row.drift?.[measure], intl)}, ${header('finance.recon.flag')}` : undefined}
        >
          {driftText(row.drift?.[measure], intl)}
        </Box>
      );
    },
  });
  return [
    ...(totals ? [] : [{ field: 'day', headerName: header('finance.recon.col.day'), width: 120 } as GridColDef<ReconciliationRow>]),
    { field: 'model', headerName: header('finance.col.model'), minWidth: 170, flex: 1 },
    {
      field: 'side', headerName: header('finance.recon.col.side'), width: 110,
      valueFormatter: (v?: string) => (v ? header(`finance.recon.side.${v}`) : ''),
    },
    number('calls', 'finance.recon.col.calls', (r) => r.ours?.calls),
    number('estimated', 'finance.recon.col.estimated', (r) => r.ours?.estimatedCalls),
    number('requests', 'finance.recon.col.requests', (r) => r.theirs?.requests),
    drift('requests', 'driftRequests'),
    number('oursInput', 'finance.recon.col.oursInput', (r) => r.ours?.inputTokens),
    number('theirsInput', 'finance.recon.col.theirsInput', (r) => r.theirs?.inputTokens),
    drift('inputTokens', 'driftInput'),
    number('oursCached', 'finance.recon.col.oursCached', (r) => r.ours?.cachedInputTokens),
    number('theirsCached', 'finance.recon.col.theirsCached', (r) => r.theirs?.cachedInputTokens),
    drift('cachedInputTokens', 'driftCached'),
    number('oursOutput', 'finance.recon.col.oursOutput', (r) => r.ours?.outputTokens),
    number('theirsOutput', 'finance.recon.col.theirsOutput', (r) => r.theirs?.outputTokens),
    drift('outputTokens', 'driftOutput'),
    number('cost', 'finance.recon.col.cost', (r) => r.ours?.costCredits),
    {
      field: 'flagged', headerName: header('finance.recon.col.flagged'), width: 170,
      renderCell: ({ value }) => (
        <Chip size="small" color={value ? 'error' : 'success'} label={header(value ? 'finance.recon.flag' : 'finance.recon.ok')} />
      ),
    },
  ];
}

/** Rows of the reconciliation (day × model, or the totals per model), flagged drifts in the error colour. */
export function ReconciliationGrid({ titleId, rows, loading, totals = false }: {
  titleId: string;
  rows: ReconciliationRow[];
  loading: boolean;
  totals?: boolean;
}) {
  const intl = useIntl();
  const { locale } = useLocale();
  const cols = useMemo(() => columns(intl, locale, totals), [intl, locale, totals]);
  const title = intl.formatMessage({ id: titleId });
  return (
    <ReportCard title={title}>
      <div style={{ height: totals ? 320 : 480 }}>
        <DataGrid<ReconciliationRow>
          aria-label={title}
          rows={rows}
          columns={cols}
          getRowId={(row) => `${row.day ?? 'total'}|${row.model}`}
          loading={loading}
          initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
          pageSizeOptions={GRID_PAGE_SIZES}
          disableRowSelectionOnClick
          getRowClassName={(params) => (params.row.flagged ? 'reconciliation-flagged' : '')}
          slots={{ noRowsOverlay: () => <EmptyState message={<FormattedMessage id="finance.recon.none" />} /> }}
          slotProps={{ loadingOverlay: { variant: 'skeleton', noRowsVariant: 'skeleton' } }}
          sx={{ border: 0, '& .reconciliation-flagged': { bgcolor: 'rgba(211, 47, 47, 0.06)' } }}
        />
      </div>
    </ReportCard>
  );
}
