import { useMemo, useState } from 'react';
import { Box, Button, Card, Stack, TextField } from '@mui/material';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { EmptyState } from '../../common/EmptyState';
import { ErrorState } from '../../common/ErrorState';
import { formatDateTime } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { useAccessAudit, type AccessAuditEntry } from '../audit';
import { useDebounced } from '../../common/useDebounced';
import { GRID_PAGE_SIZES } from '../../common/grid';

function columns(intl: IntlShape, locale: string): GridColDef<AccessAuditEntry>[] {
  const header = (id: string) => intl.formatMessage({ id: `admin.audit.col.${id}` });
  return [
    { field: 'occurredAt', headerName: header('occurredAt'), width: 190, valueFormatter: (v: string) => (v ? formatDateTime(v, locale) : '') },
    { field: 'actor', headerName: header('actor'), width: 220 },
    { field: 'action', headerName: header('action'), width: 200 },
    { field: 'subject', headerName: header('subject'), width: 200 },
    {
      field: 'details', headerName: header('details'), flex: 1, minWidth: 240, sortable: false,
      valueGetter: (v: Record<string, unknown> | null | undefined) => (v ? Object.entries(v).map(([k, x]) => `${k}: ${JSON.stringify(x)}`).join('; ') : ''),
    },
    { field: 'clientAddress', headerName: header('clientAddress'), width: 150 },
  ];
}

/** Who did what to people, roles, tokens and sign-ins (the console's log), newest first; older entries on demand. */
export function AccessAuditTab() {
  const intl = useIntl();
  const { locale } = useLocale();
  const [subject, setSubject] = useState('');
  const [action, setAction] = useState('');
  const filters = { subject: useDebounced(subject.trim()), action: useDebounced(action.trim()) };
  const query = useAccessAudit(filters);
  const rows = useMemo(() => query.data?.pages.flat() ?? [], [query.data]);
  const cols = useMemo(() => columns(intl, locale), [intl, locale]);
  const label = (id: string) => intl.formatMessage({ id: `admin.audit.${id}` });
  return (
    <>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mb: 2 }}>
        <TextField size="small" type="search" label={label('subject')} value={subject} onChange={(e) => setSubject(e.target.value)}
          helperText={label('subjectHelp')} />
        <TextField size="small" type="search" label={label('action')} value={action} onChange={(e) => setAction(e.target.value)}
          helperText={label('actionHelp')} />
      </Stack>
      {query.isError && <Box sx={{ mb: 2 }}><ErrorState error={query.error} onRetry={() => void query.refetch()} /></Box>}
      <Card sx={{ height: 600 }}>
        <DataGrid
          aria-label={label('tab.access')}
          rows={rows}
          columns={cols}
          loading={query.isFetching}
          pageSizeOptions={GRID_PAGE_SIZES}
          initialState={{ pagination: { paginationModel: { pageSize: 50 } } }}
          disableRowSelectionOnClick
          slots={{ noRowsOverlay: () => <EmptyState message={<FormattedMessage id="admin.audit.none" />} /> }}
          slotProps={{ loadingOverlay: { variant: 'skeleton', noRowsVariant: 'skeleton' } }}
          sx={{ border: 0 }}
        />
      </Card>
      {query.hasNextPage && (
        <Box sx={{ mt: 2, textAlign: 'center' }}>
          <Button variant="outlined" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            <FormattedMessage id="admin.audit.older" />
          </Button>
        </Box>
      )}
    </>
  );
}
