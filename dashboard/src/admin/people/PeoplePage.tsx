import { useMemo, useState } from 'react';
import { Alert, Box, Button, Card, InputAdornment, Snackbar, TextField } from '@mui/material';
import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import { DataGrid } from '@mui/x-data-grid';
import { FormattedMessage, useIntl } from 'react-intl';
import { EmptyState } from '../../common/EmptyState';
import { ErrorState } from '../../common/ErrorState';
import { PageHeader } from '../../common/PageHeader';
import { useLocale } from '../../i18n/LocaleProvider';
import { errorText } from '../errorText';
import { PEOPLE_LIMIT, usePeople, usePersonAction, type PersonView } from '../people';
import { useDebounced } from '../../common/useDebounced';
import { EditPersonDialog } from './EditPersonDialog';
import { InvitePersonDialog } from './InvitePersonDialog';
import { peopleColumns } from './peopleColumns';
import { GRID_PAGE_SIZES } from '../../common/grid';

type Notice = { severity: 'success' | 'error'; text: string };

/** The people who sign in to the console: invite one, change roles and accounts, disable, resend the invitation. */
export function PeoplePage() {
  const intl = useIntl();
  const { locale } = useLocale();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const people = usePeople(q);
  const action = usePersonAction();
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<PersonView>();
  const [notice, setNotice] = useState<Notice>();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id: `admin.people.${id}` }, values);
  const run = (promise: Promise<unknown>, done: string) => promise
    .then(() => setNotice({ severity: 'success', text: done }))
    .catch((error: unknown) => setNotice({ severity: 'error', text: errorText(error, intl) }));
  const columns = useMemo(() => peopleColumns(intl, locale, {
    edit: setEditing,
    toggle: (p) => run(action.mutateAsync({ kind: p.status === 'disabled' ? 'enable' : 'disable', id: p.id }),
      t(p.status === 'disabled' ? 'enabled' : 'disabled', { email: p.email })),
    resend: (p) => run(action.mutateAsync({ kind: 'invitation', id: p.id }), t('resent', { email: p.email })),
  }), [intl, locale]);
  return (
    <>
      <PageHeader
        title={t('title')}
        action={(
          <Button variant="contained" startIcon={<PersonAddAlt1Outlined />} onClick={() => setInviting(true)}>
            <FormattedMessage id="admin.people.invite" />
          </Button>
        )}
      />
      <TextField
        size="small"
        type="search"
        label={t('search')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        sx={{ mb: 2, minWidth: 280 }}
        slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchOutlined aria-hidden /></InputAdornment> } }}
      />
      {people.isError && <Box sx={{ mb: 2 }}><ErrorState error={people.error} onRetry={() => void people.refetch()} /></Box>}
      {people.data?.length === PEOPLE_LIMIT && <Alert severity="info" sx={{ mb: 2 }}>{t('limited', { limit: String(PEOPLE_LIMIT) })}</Alert>}
      <Card sx={{ height: 600 }}>
        <DataGrid
          aria-label={t('gridLabel')}
          rows={people.data ?? []}
          columns={columns}
          loading={people.isFetching}
          pageSizeOptions={GRID_PAGE_SIZES}
          initialState={{ pagination: { paginationModel: { pageSize: 50 } } }}
          disableRowSelectionOnClick
          slots={{ noRowsOverlay: () => <EmptyState message={t(q ? 'noMatch' : 'none')} /> }}
          slotProps={{ loadingOverlay: { variant: 'skeleton', noRowsVariant: 'skeleton' } }}
          sx={{ border: 0 }}
        />
      </Card>
      {inviting && (
        <InvitePersonDialog
          create={(body) => action.mutateAsync({ kind: 'create', body })}
          onDone={(email) => setNotice({ severity: 'success', text: t('invited', { email }) })}
          onClose={() => setInviting(false)}
        />
      )}
      {editing && <EditPersonDialog person={editing} act={action.mutateAsync} onClose={() => setEditing(undefined)} />}
      <Snackbar open={!!notice} autoHideDuration={6000} onClose={() => setNotice(undefined)}>
        {notice && <Alert severity={notice.severity} onClose={() => setNotice(undefined)} variant="filled">{notice.text}</Alert>}
      </Snackbar>
    </>
  );
}
