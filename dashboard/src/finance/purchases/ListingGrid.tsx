import { useMemo, useState } from 'react';
import { Box, Card, Stack } from '@mui/material';
import { DataGrid, type GridColDef, type GridPaginationModel, type GridValidRowModel } from '@mui/x-data-grid';
import { FormattedMessage, useIntl } from 'react-intl';
import { EmptyState } from '../../common/EmptyState';
import { ErrorState } from '../../common/ErrorState';
import { browserTimeZone } from '../../format';
import { csvHref } from '../../common/csv';
import { CsvLink } from '../../common/CsvLink';
import { isValidRange } from '../../common/dayRange';
import { useListing, type ListingKind } from '../queries';
import { useDebounced } from '../../common/useDebounced';
import { ListingFilters } from './ListingFilters';
import { listingParams, NO_FILTERS, type ListingFilterValues } from './listingFilters';
import { GRID_PAGE_SIZES } from '../../common/grid';

/**
 * One finance listing of the payment service (purchases, refunds or disputes): its filters, a CSV link to the same
 * query, and a server-paged grid (newest first, the service's order).
 */
export function ListingGrid<Row extends GridValidRowModel>({ kind, columns, rowId, methods, statuses, statusPrefix }: {
  kind: ListingKind;
  columns: GridColDef<Row>[];
  rowId: (row: Row) => string;
  methods?: readonly string[];
  statuses?: readonly string[];
  statusPrefix?: string;
}) {
  const intl = useIntl();
  const zone = useMemo(() => browserTimeZone(), []);
  const [filters, setFilters] = useState<ListingFilterValues>(NO_FILTERS);
  const [pagination, setPagination] = useState<GridPaginationModel>({ page: 0, pageSize: 50 });
  const userId = useDebounced(filters.userId);
  // An inverted date range is not asked for; the fields say why.
  const [asked, setAsked] = useState(filters);
  const params = useMemo(() => listingParams({ ...asked, userId }, zone), [asked, userId, zone]);
  const query = useListing(kind, params, pagination.page, pagination.pageSize);
  const rows = ((query.data as Record<string, unknown> | undefined)?.[kind] ?? []) as Row[];
  const change = (next: ListingFilterValues) => {
    setFilters(next);
    if (isValidRange(next.range, false)) {
      setAsked(next);
    }
    setPagination((p) => ({ ...p, page: 0 }));
  };
  const label = intl.formatMessage({ id: `finance.${kind}.gridLabel` });
  return (
    <>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'flex-start', gap: 2, flexWrap: 'wrap' }}>
        <ListingFilters value={filters} onChange={change} methods={methods} statuses={statuses} statusPrefix={statusPrefix} />
        <CsvLink what={intl.formatMessage({ id: `finance.tab.${kind}` })} href={csvHref(`/api/payments/${kind}`, params)} />
      </Stack>
      {query.isError && (
        <Box sx={{ mb: 2 }}><ErrorState error={query.error} onRetry={() => void query.refetch()} /></Box>
      )}
      <Card sx={{ height: 600 }}>
        <DataGrid<Row>
          aria-label={label}
          rows={rows}
          columns={columns}
          getRowId={rowId}
          rowCount={query.data?.total ?? 0}
          loading={query.isFetching}
          paginationMode="server"
          paginationModel={pagination}
          onPaginationModelChange={setPagination}
          pageSizeOptions={GRID_PAGE_SIZES}
          disableColumnFilter
          disableColumnSorting
          disableRowSelectionOnClick
          // A page is at most 100 rows: every row and column (the refund action last) stays in the page, for the
          // keyboard, screen readers and the browser's find.
          disableVirtualization
          slots={{ noRowsOverlay: () => <EmptyState message={<FormattedMessage id={`finance.${kind}.none`} />} /> }}
          slotProps={{ loadingOverlay: { variant: 'skeleton', noRowsVariant: 'skeleton' } }}
          sx={{ border: 0 }}
        />
      </Card>
    </>
  );
}
