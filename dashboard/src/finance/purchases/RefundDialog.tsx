import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { formatCredits, formatDate, formatMinor, toMinor } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { useRefund } from '../queries';
import type { PurchaseView } from '../types';
import { refundableMinor } from './columns';
import { RefundFields } from './RefundFields';
import { RefundOutcome } from './RefundOutcome';

/** payment refund/Refunds.MAX_REASON */
export const MAX_REASON = 500;

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Refunds a purchase: all that remains or a part, with a reason, confirmed before it is sent. A Stripe purchase is
 * refunded through Stripe (its credits are taken back when Stripe confirms); a manual one is recorded at once. One
 * idempotency key per dialog, so a double click or a retry after a lost answer never refunds twice.
 */
export function RefundDialog({ purchase, onClose }: { purchase: PurchaseView; onClose: () => void }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const refund = useRefund();
  const [key] = useState(newKey);
  const [confirming, setConfirming] = useState(false);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const currency = purchase.currency ?? 'usd';
  const remaining = refundableMinor(purchase);
  const format = (minor: number) => formatMinor(minor, currency, locale);
  const amountMinor = amount.trim() ? toMinor(amount, currency) : remaining;
  const amountError = amountMinor === undefined || amountMinor <= 0 || amountMinor > remaining
    ? intl.formatMessage({ id: 'finance.refund.error.amount' }, { remaining: format(remaining) }) : undefined;
  const reasonError = !reason.trim() || reason.length > MAX_REASON
    ? intl.formatMessage({ id: 'finance.refund.error.reason' }, { max: MAX_REASON }) : undefined;
  const send = () => refund.mutate({
    purchaseId: purchase.purchaseId ?? '',
    idempotencyKey: key,
    body: { reason: reason.trim(), ...(amount.trim() ? { amountMinor } : {}) },
  });
  const next = () => {
    setTouched(true);
    if (!amountError && !reasonError) setConfirming(true);
  };
  const back = () => {
    refund.reset();
    setConfirming(false);
  };
  let body;
  let actions;
  if (refund.isSuccess) {
    body = <RefundOutcome answered={refund.data} />;
    actions = <Button onClick={onClose} variant="contained"><FormattedMessage id="common.close" /></Button>;
  } else if (!confirming) {
    body = (
      <RefundFields
        currency={currency} remaining={format(remaining)} amount={amount} reason={reason}
        amountError={touched ? amountError : undefined} reasonError={touched ? reasonError : undefined}
        onAmount={setAmount} onReason={setReason}
      />
    );
    actions = (
      <>
        <Button onClick={onClose}><FormattedMessage id="common.cancel" /></Button>
        <Button variant="contained" onClick={next}><FormattedMessage id="finance.refund.continue" /></Button>
      </>
    );
  } else {
    body = (
      <Stack spacing={2}>
        <Alert severity="warning">
          <FormattedMessage
            id={purchase.method === 'manual' ? 'finance.refund.confirmManual' : 'finance.refund.confirmStripe'}
            values={{ amount: format(amountMinor ?? 0), user: purchase.userId }}
          />
        </Alert>
        {refund.isError && (
          <Alert severity="error">
            <FormattedMessage id="finance.refund.failed" values={{ message: refund.error.message }} />
          </Alert>
        )}
      </Stack>
    );
    actions = (
      <>
        <Button onClick={back} disabled={refund.isPending}><FormattedMessage id="finance.refund.back" /></Button>
        <Button variant="contained" color="error" onClick={send} loading={refund.isPending}>
          <FormattedMessage id="finance.refund.confirm" values={{ amount: format(amountMinor ?? 0) }} />
        </Button>
      </>
    );
  }
  return (
    <Dialog open onClose={refund.isPending ? undefined : onClose} aria-labelledby="refund-dialog-title" fullWidth maxWidth="sm">
      <DialogTitle id="refund-dialog-title"><FormattedMessage id="finance.refund.title" /></DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          <FormattedMessage
            id="finance.refund.summary"
            values={{
              user: purchase.userId, date: purchase.createdAt ? formatDate(purchase.createdAt, locale) : '',
              paid: format(purchase.amountMinor ?? 0), credits: formatCredits(purchase.credits ?? 0, locale),
              remaining: format(remaining),
            }}
          />
        </DialogContentText>
        {body}
      </DialogContent>
      <DialogActions>{actions}</DialogActions>
    </Dialog>
  );
}
