import { useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, Typography } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { browser } from '../../api/browser';
import type { SubscriptionView } from '../../api/types';
import { ErrorState } from '../../common/ErrorState';
import { LoadingState } from '../../common/LoadingState';
import { formatDate, formatMinor } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { useCancelSubscription, useSubscribe, useSubscription, useSubscriptionOffers } from '../queries';

function CurrentSubscription({ userId, subscription }: { userId: string; subscription: SubscriptionView }) {
  const { locale } = useLocale();
  const cancel = useCancelSubscription(userId);
  const [confirming, setConfirming] = useState(false);
  const active = !subscription.endedAt;
  return (
    <Box>
      <Typography>
        <FormattedMessage id="user.sub.current" values={{ plan: subscription.planId, status: subscription.status }} />
      </Typography>
      {subscription.endedAt && (
        <Typography color="text.secondary"><FormattedMessage id="user.sub.ended" values={{ date: formatDate(subscription.endedAt, locale) }} /></Typography>
      )}
      {active && subscription.currentPeriodEnd && (
        <Typography color="text.secondary">
          <FormattedMessage
            id={subscription.cancelAtPeriodEnd ? 'user.sub.willEnd' : 'user.sub.periodEnd'}
            values={{ date: formatDate(subscription.currentPeriodEnd, locale) }}
          />
        </Typography>
      )}
      {cancel.isError && <Box sx={{ mt: 1 }}><ErrorState error={cancel.error} /></Box>}
      {active && !subscription.cancelAtPeriodEnd && (
        <Button sx={{ mt: 1 }} color="error" variant="outlined" onClick={() => setConfirming(true)}>
          <FormattedMessage id="user.sub.cancel" />
        </Button>
      )}
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="cancel-sub-title">
        <DialogTitle id="cancel-sub-title"><FormattedMessage id="user.sub.cancelTitle" /></DialogTitle>
        <DialogContent><DialogContentText><FormattedMessage id="user.sub.cancelText" /></DialogContentText></DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} autoFocus><FormattedMessage id="user.sub.keep" /></Button>
          <Button color="error" onClick={() => { setConfirming(false); cancel.mutate(); }}>
            <FormattedMessage id="user.sub.cancel" />
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

/** The account's subscription, or the offers to subscribe to (a Stripe Checkout in subscription mode). */
export function SubscriptionSection({ userId, canBuy }: { userId: string; canBuy: boolean }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const offers = useSubscriptionOffers();
  const current = useSubscription(userId);
  const subscribe = useSubscribe();
  if (offers.isPending || current.isPending) return <LoadingState />;
  if (offers.isError || current.isError) {
    return <ErrorState error={offers.error ?? current.error} onRetry={() => { void offers.refetch(); void current.refetch(); }} />;
  }
  const live = current.data && !current.data.endedAt;
  return (
    <Stack spacing={2}>
      {current.data ? <CurrentSubscription userId={userId} subscription={current.data} /> : (
        <Typography color="text.secondary"><FormattedMessage id="user.sub.none" /></Typography>
      )}
      {subscribe.isError && <ErrorState error={subscribe.error} />}
      {!live && canBuy && offers.data.map((offer) => {
        const interval = intl.messages[`user.interval.${offer.interval}`]
          ? intl.formatMessage({ id: `user.interval.${offer.interval}` }) : offer.interval;
        return (
          <Alert key={offer.id} severity="info" icon={false} action={(
            <Button
              variant="contained"
              size="small"
              disabled={subscribe.isPending}
              aria-label={intl.formatMessage({ id: 'user.sub.subscribeLabel' }, { name: offer.name })}
              onClick={() => subscribe.mutate({ offerId: offer.id, userId }, { onSuccess: (answer) => browser.assign(answer.url) })}
            >
              <FormattedMessage id="user.sub.subscribe" />
            </Button>
          )}>
            <FormattedMessage
              id="user.sub.offer"
              values={{ name: offer.name, price: formatMinor(offer.priceMinor, offer.currency, locale), interval }}
            />
          </Alert>
        );
      })}
    </Stack>
  );
}
