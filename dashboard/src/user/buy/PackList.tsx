import { Alert, AlertTitle, Box, Grid, Typography } from '@mui/material';
import { FormattedMessage } from 'react-intl';
import { browser } from '../../api/browser';
import { useAccountId } from '../../api/me';
import { EmptyState } from '../../common/EmptyState';
import { ErrorState } from '../../common/ErrorState';
import { LoadingState } from '../../common/LoadingState';
import { useAccount, useCheckout, usePacks, usePaymentStatus } from '../queries';
import { rememberBalanceBeforeCheckout } from './checkoutMemory';
import { PackCard } from './PackCard';

/** The packs on sale; Buy starts a Stripe Checkout and leaves for it. In manual-only mode, says how to pay instead. */
export function PackList() {
  const userId = useAccountId();
  const packs = usePacks();
  const status = usePaymentStatus();
  const account = useAccount(userId, false);
  const checkout = useCheckout();
  const buy = (packId: string) => checkout.mutate({ packId, userId }, {
    onSuccess: (started) => {
      rememberBalanceBeforeCheckout(account.data?.balanceCredits);
      browser.assign(started.url);
    },
  });
  if (packs.isPending || status.isPending) {
    return <LoadingState lines={3} height={60} />;
  }
  if (packs.isError || status.isError) {
    return <ErrorState error={packs.error ?? status.error} onRetry={() => { void packs.refetch(); void status.refetch(); }} />;
  }
  const canBuy = status.data.checkoutAvailable;
  return (
    <Box>
      {!canBuy && (
        <Alert severity="info" sx={{ mb: 2 }}>
          <AlertTitle><FormattedMessage id="user.buy.manualOnly" /></AlertTitle>
          {status.data.message}
        </Alert>
      )}
      {checkout.isError && <Box sx={{ mb: 2 }}><ErrorState error={checkout.error} /></Box>}
      {checkout.isPending || checkout.isSuccess
        ? <Typography role="status" sx={{ mb: 2 }}><FormattedMessage id="user.buy.redirecting" /></Typography>
        : null}
      {packs.data.length === 0 ? <EmptyState message={<FormattedMessage id="user.buy.noPacks" />} /> : (
        <Grid container spacing={2}>
          {packs.data.map((pack) => (
            <Grid key={pack.id} size={{ xs: 12, sm: 6, lg: 3 }}>
              <PackCard pack={pack} canBuy={canBuy} busy={checkout.isPending || checkout.isSuccess} onBuy={() => buy(pack.id)} />
            </Grid>
          ))}
        </Grid>
      )}
    </Box>
  );
}
