import { useMemo, useState } from 'react';
import { Box, Card, InputAdornment, MenuItem, Stack, TextField } from '@mui/material';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import { DataGrid, type GridPaginationModel, type GridSortModel } from '@mui/x-data-grid';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import { EmptyState } from '../../common/EmptyState';
import { ErrorState } from '../../common/ErrorState';
import { PageHeader } from '../../common/PageHeader';
import { useLocale } from '../../i18n/LocaleProvider';
import { ACCOUNT_SORTS, ACCOUNT_STATUSES, useAccountList, type AccountSort } from '../accounts';
import { userPagePath } from '../paths';
import { useDebounced } from '../../common/useDebounced';
import { usersColumns } from './usersColumns';
import { GRID_PAGE_SIZES } from '../../common/grid';

function ledgerSort(model: GridSortModel): { sort?: AccountSort; direction?: 'asc' | 'desc' } {
  const first = model[0];
  if (!first || !(ACCOUNT_SORTS as readonly string[]).includes(first.field)) {
    return {};
  }
  return { sort: first.field as AccountSort, direction: first.sort ?? 'asc' };
}

/** Every account: paged, searched, filtered and sorted by the ledger (there are thousands); a row opens the user. */
export function UsersPage() {
  const intl = useIntl();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [pagination, setPagination] = useState<GridPaginationModel>({ page: 0, pageSize: 50 });
  const [sortModel, setSortModel] = useState<GridSortModel>([]);
  const q = useDebounced(search.trim());
  const query = useAccountList({ q, status, page: pagination.page, size: pagination.pageSize, ...ledgerSort(sortModel) });
  const columns = useMemo(() => usersColumns(intl, locale), [intl, locale]);
  const firstPage = () => setPagination((p) => ({ ...p, page: 0 }));
  return (
    <>
      <PageHeader title={intl.formatMessage({ id: 'admin.users.title' })} />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2 }}>
        <TextField
          size="small"
          type="search"
          label={intl.formatMessage({ id: 'admin.users.search' })}
          value={search}
          onChange={(event) => { setSearch(event.target.value); firstPage(); }}
          sx={{ minWidth: 280 }}
          slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchOutlined aria-hidden /></InputAdornment> } }}
        />
        <TextField
          select
          size="small"
          label={intl.formatMessage({ id: 'admin.users.status' })}
          value={status}
          onChange={(event) => { setStatus(event.target.value); firstPage(); }}
          sx={{ minWidth: 180 }}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value=""><FormattedMessage id="admin.users.allStatuses" /></MenuItem>
          {ACCOUNT_STATUSES.map((s) => <MenuItem key={s} value={s}><FormattedMessage id={`admin.status.${s}`} /></MenuItem>)}
        </TextField>
      </Stack>
      {query.isError && <Box sx={{ mb: 2 }}><ErrorState error={query.error} onRetry={() => void query.refetch()} /></Box>}
      <Card sx={{ height: 640 }}>
        <DataGrid
          aria-label={intl.formatMessage({ id: 'admin.users.gridLabel' })}
          rows={query.data?.items ?? []}
          getRowId={(row) => row.userId}
          columns={columns}
          rowCount={query.data?.total ?? 0}
          loading={query.isFetching}
          paginationMode="server"
          sortingMode="server"
          filterMode="server"
          paginationModel={pagination}
          onPaginationModelChange={setPagination}
          sortModel={sortModel}
          onSortModelChange={(model) => { setSortModel(model); firstPage(); }}
          pageSizeOptions={GRID_PAGE_SIZES}
          disableColumnFilter
          disableRowSelectionOnClick
          onRowClick={({ row }) => navigate(userPagePath(row.userId))}
          slots={{ noRowsOverlay: () => <EmptyState message={<FormattedMessage id={q || status ? 'admin.users.noMatch' : 'admin.users.none'} />} /> }}
          slotProps={{ loadingOverlay: { variant: 'skeleton', noRowsVariant: 'skeleton' } }}
          sx={{ border: 0, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
        />
      </Card>
    </>
  );
}
