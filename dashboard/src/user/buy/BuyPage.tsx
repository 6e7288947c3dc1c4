import type { ReactNode } from 'react';
import { Card, CardContent, Stack, Typography } from '@mui/material';
import { useSearchParams } from 'react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { useAccountId } from '../../api/me';
import { PageHeader } from '../../common/PageHeader';
import { QueryState } from '../../common/QueryState';
import { useAutoTopUp, usePacks, usePaymentStatus } from '../queries';
import { AutoTopUpForm } from './AutoTopUpForm';
import { CheckoutReturn } from './CheckoutReturn';
import { PackList } from './PackList';
import { PurchasesTable } from './PurchasesTable';
import { SubscriptionSection } from './SubscriptionSection';

function Section({ titleId, children }: { titleId: string; children: ReactNode }) {
  return (
    <Card component="section">
      <CardContent>
        <Typography variant="h2" component="h2" gutterBottom><FormattedMessage id={titleId} /></Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/**
 * Buy credits: packs (→ Stripe Checkout → back here), purchases and refunds, auto top-up and subscription. Stripe
 * returns to /app/buy?checkout=success|cancelled (and ?subscription=…, ?card=…).
 */
export function BuyPage() {
  const intl = useIntl();
  const userId = useAccountId();
  const [params] = useSearchParams();
  const status = usePaymentStatus();
  const packs = usePacks();
  const topUp = useAutoTopUp(userId);
  const canBuy = status.data?.checkoutAvailable ?? false;
  return (
    <>
      <PageHeader title={intl.formatMessage({ id: 'user.buy.title' })} />
      <CheckoutReturn params={params} />
      <Stack spacing={3}>
        <Section titleId="user.buy.packs"><PackList /></Section>
        <Section titleId="user.buy.purchases"><PurchasesTable userId={userId} /></Section>
        {canBuy && (
          <Section titleId="user.topUp.title">
            <QueryState query={topUp}>
              {(setting) => (
                <QueryState query={packs}>{(list) => <AutoTopUpForm userId={userId} setting={setting} packs={list} />}</QueryState>
              )}
            </QueryState>
          </Section>
        )}
        {canBuy && <Section titleId="user.sub.title"><SubscriptionSection userId={userId} canBuy={canBuy} /></Section>}
      </Stack>
    </>
  );
}
