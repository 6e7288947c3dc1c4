import { useMemo, useState } from 'react';
import { Box, Tab, Tabs } from '@mui/material';
import { useSearchParams } from 'react-router';
import { useIntl } from 'react-intl';
import { PageHeader } from '../../common/PageHeader';
import { useLocale } from '../../i18n/LocaleProvider';
import type { ListingKind } from '../queries';
import { DISPUTE_STATUSES, PURCHASE_METHODS, PURCHASE_STATUSES, type DisputeView, type PurchaseView, type RefundView } from '../types';
import { disputeColumns, purchaseColumns, refundColumns } from './columns';
import { ListingGrid } from './ListingGrid';
import { RefundDialog } from './RefundDialog';

const TABS: ListingKind[] = ['purchases', 'refunds', 'disputes'];

/** Purchases, refunds and disputes of everyone, a tab each (the tab is in the address, so it can be linked). */
export function PurchasesPage() {
  const intl = useIntl();
  const { locale } = useLocale();
  const [search, setSearch] = useSearchParams();
  const tab = TABS.find((t) => t === search.get('tab')) ?? 'purchases';
  const [refunding, setRefunding] = useState<PurchaseView>();
  const purchases = useMemo(() => purchaseColumns(intl, locale, setRefunding), [intl, locale]);
  const refunds = useMemo(() => refundColumns(intl, locale), [intl, locale]);
  const disputes = useMemo(() => disputeColumns(intl, locale), [intl, locale]);
  return (
    <>
      <PageHeader title={intl.formatMessage({ id: 'finance.purchases.title' })} />
      <Tabs
        value={tab}
        onChange={(_event, next: ListingKind) => setSearch(next === 'purchases' ? {} : { tab: next })}
        aria-label={intl.formatMessage({ id: 'finance.purchases.tabs' })}
        sx={{ mb: 2 }}
      >
        {TABS.map((t) => (
          <Tab key={t} value={t} id={`finance-tab-${t}`} aria-controls={`finance-panel-${t}`} label={intl.formatMessage({ id: `finance.tab.${t}` })} />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`finance-panel-${tab}`} aria-labelledby={`finance-tab-${tab}`}>
        {tab === 'purchases' && (
          <ListingGrid<PurchaseView>
            key="purchases"
            kind="purchases"
            columns={purchases}
            rowId={(p) => p.purchaseId ?? ''}
            methods={PURCHASE_METHODS}
            statuses={PURCHASE_STATUSES}
            statusPrefix="finance.purchase.status"
          />
        )}
        {tab === 'refunds' && (
          <ListingGrid<RefundView> key="refunds" kind="refunds" columns={refunds} rowId={(r) => r.refundId ?? ''} />
        )}
        {tab === 'disputes' && (
          <ListingGrid<DisputeView>
            key="disputes"
            kind="disputes"
            columns={disputes}
            rowId={(d) => d.disputeId ?? ''}
            statuses={DISPUTE_STATUSES}
            statusPrefix="finance.dispute.status"
          />
        )}
      </Box>
      {refunding && <RefundDialog purchase={refunding} onClose={() => setRefunding(undefined)} />}
    </>
  );
}
