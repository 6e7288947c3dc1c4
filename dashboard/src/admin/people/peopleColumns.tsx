import { Chip, Stack } from '@mui/material';
import EditOutlined from '@mui/icons-material/EditOutlined';
import BlockOutlined from '@mui/icons-material/BlockOutlined';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutline';
import ForwardToInboxOutlined from '@mui/icons-material/ForwardToInboxOutlined';
import { GridActionsCellItem, type GridColDef } from '@mui/x-data-grid';
import type { IntlShape } from 'react-intl';
import { formatDate } from '../../format';
import type { PersonView } from '../people';

export interface PersonHandlers {
  edit: (person: PersonView) => void;
  toggle: (person: PersonView) => void;
  resend: (person: PersonView) => void;
}

export function peopleColumns(intl: IntlShape, locale: string, handlers: PersonHandlers): GridColDef<PersonView>[] {
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id: `admin.people.${id}` }, values);
  return [
    { field: 'email', headerName: t('col.email'), flex: 1, minWidth: 220 },
    { field: 'name', headerName: t('col.name'), flex: 1, minWidth: 160 },
    {
      field: 'roles', headerName: t('col.roles'), width: 200, sortable: false,
      renderCell: ({ row }) => (
        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', height: '100%' }}>
          {row.roles.map((r) => <Chip key={r} size="small" label={r} variant={r === 'user' ? 'outlined' : 'filled'} />)}
        </Stack>
      ),
    },
    { field: 'accounts', headerName: t('col.accounts'), flex: 1, minWidth: 200, sortable: false, valueGetter: (v: string[]) => v.join(', ') },
    {
      field: 'status', headerName: t('col.status'), width: 170,
      valueGetter: (_v: unknown, row: PersonView) => {
        if (row.status === 'disabled') return t('status.disabled');
        if (!row.federated && !row.passwordSet) return t('status.invited');
        return t('status.active');
      },
    },
    { field: 'createdAt', headerName: t('col.createdAt'), width: 140, valueFormatter: (v: string) => (v ? formatDate(v, locale) : '') },
    {
      field: 'actions', type: 'actions', headerName: t('col.actions'), width: 90,
      getActions: ({ row }) => {
        const items = [
          <GridActionsCellItem key="edit" icon={<EditOutlined />} label={t('action.edit', { email: row.email })}
            onClick={() => handlers.edit(row)} showInMenu />,
          <GridActionsCellItem key="toggle" icon={row.status === 'disabled' ? <CheckCircleOutline /> : <BlockOutlined />}
            label={t(row.status === 'disabled' ? 'action.enable' : 'action.disable', { email: row.email })}
            onClick={() => handlers.toggle(row)} showInMenu />,
        ];
        if (!row.federated) {
          items.push(<GridActionsCellItem key="resend" icon={<ForwardToInboxOutlined />} label={t('action.resend', { email: row.email })}
            onClick={() => handlers.resend(row)} showInMenu />);
        }
        return items;
      },
    },
  ];
}
