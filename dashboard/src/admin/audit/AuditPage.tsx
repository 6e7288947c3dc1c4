import { useState } from 'react';
import { Box, Tab, Tabs } from '@mui/material';
import { useIntl } from 'react-intl';
import { PageHeader } from '../../common/PageHeader';
import { AccessAuditTab } from './AccessAuditTab';
import { LedgerAuditTab } from './LedgerAuditTab';
import { PriceAuditTab } from './PriceAuditTab';

const TABS = ['ledger', 'access', 'prices'] as const;

/** The three audit logs: what admins did to accounts (ledger), to people and access (console), and to prices (gateway). */
export function AuditPage() {
  const intl = useIntl();
  const [tab, setTab] = useState<(typeof TABS)[number]>('ledger');
  return (
    <>
      <PageHeader title={intl.formatMessage({ id: 'admin.audit.title' })} />
      <Tabs value={tab} onChange={(_e, next) => setTab(next)} aria-label={intl.formatMessage({ id: 'admin.audit.tabs' })} sx={{ mb: 2 }}>
        {TABS.map((t) => (
          <Tab key={t} value={t} id={`audit-tab-${t}`} aria-controls={`audit-panel-${t}`}
            label={intl.formatMessage({ id: `admin.audit.tab.${t}` })} />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`audit-panel-${tab}`} aria-labelledby={`audit-tab-${tab}`}>
        {tab === 'ledger' && <LedgerAuditTab />}
        {tab === 'access' && <AccessAuditTab />}
        {tab === 'prices' && <PriceAuditTab />}
      </Box>
    </>
  );
}
