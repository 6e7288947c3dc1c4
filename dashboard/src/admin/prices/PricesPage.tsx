import { useMemo, useState } from 'react';
import { Alert, Button, Grid, Snackbar } from '@mui/material';
import AddOutlined from '@mui/icons-material/AddOutlined';
import { FormattedMessage, useIntl } from 'react-intl';
import { useMe } from '../../api/me';
import { EmptyState } from '../../common/EmptyState';
import { PageHeader } from '../../common/PageHeader';
import { QueryState } from '../../common/QueryState';
import { formatDateTime } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { isAdmin } from '../isAdmin';
import { usePriceChange, usePrices, type PriceChangeView } from '../prices';
import { AddAliasDialog } from './AddAliasDialog';
import { AliasesCard } from './AliasesCard';
import { PriceDialog } from './PriceDialog';
import { PriceGrid } from './PriceGrid';
import type { PriceRow, RowActions } from './priceColumns';
import { RemoveAliasDialog } from './RemoveAliasDialog';
import { ResetPriceDialog } from './ResetPriceDialog';
import { ResolveCard } from './ResolveCard';

type Open =
  | { kind: 'new' }
  | { kind: 'change'; row: PriceRow }
  | { kind: 'reset'; row: PriceRow }
  | { kind: 'addAlias' }
  | { kind: 'removeAlias'; alias: string; target: string }
  | undefined;

/** A change whose start lies this far past its recording is announced with its start. */
const LATER_MS = 1_000;

/**
 * The prices the gateway charges with (credits per token, which is also USD per million tokens), where each comes
 * from, the aliases, and "what would this name be charged as". Admins change, reset and alias prices here, each
 * with a reason for the price audit log; others who may open the page (none today: it is in the admin area) only read.
 */
export function PricesPage() {
  const intl = useIntl();
  const { locale } = useLocale();
  const canChange = isAdmin(useMe().roles);
  const prices = usePrices();
  const change = usePriceChange();
  const [open, setOpen] = useState<Open>();
  const [notice, setNotice] = useState<string>();
  const close = () => setOpen(undefined);
  const done = (recorded: PriceChangeView) => setNotice(changeNotice(recorded));
  const changeNotice = (c: PriceChangeView) => {
    const later = c.effectiveAt && c.recordedAt && Date.parse(c.effectiveAt) - Date.parse(c.recordedAt) > LATER_MS;
    const id = c.action === 'SET' && later ? 'SET_LATER' : c.action;
    return intl.formatMessage({ id: `admin.prices.done.${id}`, defaultMessage: '{version}' }, {
      model: c.model, aliasOf: c.aliasOf ?? '', version: c.version, when: c.effectiveAt ? formatDateTime(c.effectiveAt, locale) : '',
    });
  };
  const rowActions = useMemo<RowActions | undefined>(() => (canChange ? {
    onChange: (row) => setOpen({ kind: 'change', row }),
    onReset: (row) => setOpen({ kind: 'reset', row }),
  } : undefined), [canChange]);
  const common = { act: change.mutateAsync, onDone: done, onClose: close };
  return (
    <>
      <PageHeader
        title={intl.formatMessage({ id: 'admin.prices.title' })}
        action={canChange && (
          <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setOpen({ kind: 'new' })}>
            <FormattedMessage id="admin.prices.new" />
          </Button>
        )}
      />
      <Alert severity="info" sx={{ mb: 2 }}><FormattedMessage id="admin.prices.unit" /></Alert>
      <QueryState query={prices} lines={8}>
        {(table) => (
          <Grid container spacing={2}>
            <Grid size={12}>
              {Object.keys(table.models).length === 0
                ? <EmptyState message={<FormattedMessage id="admin.prices.none" />} />
                : <PriceGrid models={table.models} actions={rowActions} />}
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <AliasesCard aliases={table.aliases ?? {}} onAdd={canChange ? () => setOpen({ kind: 'addAlias' }) : undefined}
                onRemove={canChange ? (alias, target) => setOpen({ kind: 'removeAlias', alias, target }) : undefined} />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}><ResolveCard /></Grid>
            {open?.kind === 'new' && <PriceDialog {...common} />}
            {open?.kind === 'change' && <PriceDialog {...common} model={open.row.id} price={open.row} />}
            {open?.kind === 'reset' && <ResetPriceDialog {...common} model={open.row.id} />}
            {open?.kind === 'addAlias' && <AddAliasDialog {...common} models={Object.keys(table.models).sort()} />}
            {open?.kind === 'removeAlias' && <RemoveAliasDialog {...common} alias={open.alias} target={open.target} />}
          </Grid>
        )}
      </QueryState>
      <Snackbar open={notice !== undefined} autoHideDuration={8000} onClose={() => setNotice(undefined)}>
        {notice !== undefined ? <Alert severity="success" variant="filled" onClose={() => setNotice(undefined)}>{notice}</Alert> : undefined}
      </Snackbar>
    </>
  );
}
