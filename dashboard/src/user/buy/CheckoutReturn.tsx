import { useEffect, useState } from 'react';
import { Alert, AlertTitle, Box, LinearProgress } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { useAccountId } from '../../api/me';
import { formatCredits, formatMoneyFromCredits } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { useAccount } from '../queries';
import { useAccountCurrency } from '../useAccountCurrency';
import { balanceBeforeCheckout, forgetBalanceBeforeCheckout } from './checkoutMemory';

/** While the payment is being confirmed the account is read every 2 s; after a minute the page says it is slow. */
export const CONFIRM_POLL_MS = 2_000;
export const CONFIRM_SLOW_MS = 60_000;

/**
 * Back from Stripe with ?checkout=success: "being confirmed" until the balance rises above what it was before leaving
 * (the webhook, the payment service and the ledger take a moment), then the new balance.
 */
function CheckoutSuccess() {
  const userId = useAccountId();
  const { locale } = useLocale();
  const client = useQueryClient();
  const rate = useAccountCurrency(userId);
  const [before] = useState(balanceBeforeCheckout);
  const [slow, setSlow] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const account = useAccount(userId, confirmed ? false : CONFIRM_POLL_MS);
  const balance = account.data?.balanceCredits;
  useEffect(() => {
    if (!confirmed && balance !== undefined && before !== undefined && balance > before) {
      setConfirmed(true);
      forgetBalanceBeforeCheckout();
      void client.invalidateQueries({ queryKey: ['purchases', userId] });
    }
  }, [balance, before, confirmed, client, userId]);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), CONFIRM_SLOW_MS);
    return () => clearTimeout(timer);
  }, []);
  if (confirmed && balance !== undefined) {
    return (
      <Alert severity="success" role="status">
        <AlertTitle><FormattedMessage id="user.buy.success.title" /></AlertTitle>
        <FormattedMessage
          id="user.buy.success.done"
          values={{ credits: formatCredits(balance, locale), money: formatMoneyFromCredits(balance, rate, locale) }}
        />
      </Alert>
    );
  }
  return (
    <Alert severity="info" role="status">
      <AlertTitle><FormattedMessage id="user.buy.success.title" /></AlertTitle>
      <FormattedMessage id={slow ? 'user.buy.success.slow' : 'user.buy.success.confirming'} />
      {!slow && <LinearProgress sx={{ mt: 1 }} aria-hidden />}
    </Alert>
  );
}

/** What Stripe's return URL says: a pack bought or cancelled, a subscription started, a card saved. */
export function CheckoutReturn({ params }: { params: URLSearchParams }) {
  const notes: { severity: 'success' | 'info'; id: string }[] = [];
  if (params.get('checkout') === 'cancelled') notes.push({ severity: 'info', id: 'user.buy.cancelled' });
  if (params.get('subscription') === 'started') notes.push({ severity: 'success', id: 'user.sub.started' });
  if (params.get('subscription') === 'cancelled') notes.push({ severity: 'info', id: 'user.sub.startCancelled' });
  if (params.get('card') === 'saved') notes.push({ severity: 'success', id: 'user.topUp.cardSaved' });
  if (params.get('card') === 'cancelled') notes.push({ severity: 'info', id: 'user.topUp.cardCancelled' });
  if (params.get('checkout') !== 'success' && notes.length === 0) {
    return null;
  }
  return (
    <Box sx={{ mb: 3, display: 'grid', gap: 1 }}>
      {params.get('checkout') === 'success' && <CheckoutSuccess />}
      {notes.map((note) => (
        <Alert key={note.id} severity={note.severity} role="status"><FormattedMessage id={note.id} /></Alert>
      ))}
    </Box>
  );
}
