import { useMemo, useState } from 'react';
import { Box, Card, Stack } from '@mui/material';
import { DataGrid, type GridPaginationModel } from '@mui/x-data-grid';
import { FormattedMessage, useIntl } from 'react-intl';
import { csvHref } from '../../common/csv';
import { CsvLink } from '../../common/CsvLink';
import { instantRange } from '../../common/dayRange';
import { EmptyState } from '../../common/EmptyState';
import { ErrorState } from '../../common/ErrorState';
import { browserTimeZone } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTransactions } from '../queries';
import { NO_FILTERS, StatementFilters, type StatementFilterValues } from './StatementFilters';
import { statementColumns, type StatementRow } from './statementColumns';
import { GRID_PAGE_SIZES } from '../../common/grid';

/** The filters as the ledger reads them: instants at the person's midnights; `to` is exclusive, so the next day's. */
function range(filters: StatementFilterValues, zone: string) {
  return { types: filters.types, ...instantRange(filters, zone) };
}

/** The same query as CSV: every matching line, oldest first, downloaded by the browser with the session cookie. */
export function statementCsvHref(userId: string, filters: StatementFilterValues, zone: string): string {
  const { types, from, to } = range(filters, zone);
  return csvHref(`/api/accounts/${encodeURIComponent(userId)}/transactions`, { type: types, from, to });
}

/**
 * One account's transaction statement: server-paged, filtered by type and dates (the viewer's days), with a CSV link
 * to the same query. The user's own statement page shows it, and so does an admin's page of any user.
 */
export function StatementGrid({ userId, height = 640 }: { userId: string; height?: number }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const zone = useMemo(() => browserTimeZone(), []);
  const [filters, setFilters] = useState<StatementFilterValues>(NO_FILTERS);
  const [pagination, setPagination] = useState<GridPaginationModel>({ page: 0, pageSize: 50 });
  const query = useTransactions(userId, { page: pagination.page, size: pagination.pageSize, ...range(filters, zone) });
  const rows: StatementRow[] = useMemo(
    () => (query.data?.items ?? []).map((line, i) => ({ ...line, id: `${line.version}:${line.eventId ?? ''}:${i}` })),
    [query.data],
  );
  const columns = useMemo(() => statementColumns(intl, locale), [intl, locale]);
  const changeFilters = (next: StatementFilterValues) => {
    setFilters(next);
    setPagination((p) => ({ ...p, page: 0 }));
  };
  return (
    <>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'flex-start', gap: 2, flexWrap: 'wrap' }}>
        <StatementFilters value={filters} onChange={changeFilters} />
        <CsvLink what={intl.formatMessage({ id: 'user.statement.title' })} href={statementCsvHref(userId, filters, zone)} />
      </Stack>
      {query.isError && (
        <Box sx={{ mb: 2 }}><ErrorState error={query.error} onRetry={() => void query.refetch()} /></Box>
      )}
      <Card variant="outlined" sx={{ height }}>
        <DataGrid
          aria-label={intl.formatMessage({ id: 'user.statement.gridLabel' })}
          rows={rows}
          columns={columns}
          rowCount={query.data?.totalItems ?? 0}
          loading={query.isFetching}
          paginationMode="server"
          paginationModel={pagination}
          onPaginationModelChange={setPagination}
          pageSizeOptions={GRID_PAGE_SIZES}
          disableColumnFilter
          disableColumnSorting
          disableRowSelectionOnClick
          slots={{ noRowsOverlay: () => <EmptyState message={<FormattedMessage id="user.statement.none" />} /> }}
          slotProps={{ loadingOverlay: { variant: 'skeleton', noRowsVariant: 'skeleton' } }}
          sx={{ border: 0 }}
        />
      </Card>
    </>
  );
}
