import { useState } from 'react';
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField,
} from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../api/errors';
import { formatCredits, formatMinor, toMinor } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { useRefund, type Answered } from '../queries';
import type { PurchaseView, RefundAnswer } from '../types';
import { refundableMinor } from './columns';

/** payment refund/Refunds.MAX_REASON */
export const MAX_REASON = 500;

type Step = 'form' | 'confirm';

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** What the refund did, in words: 202 sent to Stripe, 201 recorded, 200 asked for already. */
function Outcome({ answered }: { answered: Answered<RefundAnswer> }) {
  const { locale } = useLocale();
  const { status, body } = answered;
  const amount = formatMinor(body.amountMinor ?? 0, body.currency ?? 'usd', locale);
  if (status === 202) {
    return <Alert severity="info"><FormattedMessage id="finance.refund.sentToStripe" values={{ amount }} /></Alert>;
  }
  if (status === 201) {
    return (
      <Alert severity="success">
        <FormattedMessage id="finance.refund.recorded" values={{ amount, credits: formatCredits(body.credits ?? 0, locale) }} />
      </Alert>
    );
  }
  return <Alert severity="info"><FormattedMessage id="finance.refund.repeated" values={{ amount }} /></Alert>;
}

/**
 * Refunds a purchase: all that remains or a part, with a reason, confirmed before it is sent. A Stripe purchase is
 * refunded through Stripe (its credits are taken back when Stripe confirms); a manual one is recorded at once.
 */
export function RefundDialog({ purchase, onClose }: { purchase: PurchaseView; onClose: () => void }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const refund = useRefund();
  const [key] = useState(newKey);
  const [step, setStep] = useState<Step>('form');
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
  const viaStripe = purchase.method !== 'manual';
  const send = () => refund.mutate({
    purchaseId: purchase.purchaseId ?? '',
    idempotencyKey: key,
    body: { reason: reason.trim(), ...(amount.trim() ? { amountMinor } : {}) },
  });
  const titleId = 'refund-dialog-title';
  return (
    <Dialog open onClose={refund.isPending ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <DialogTitle id={titleId}><FormattedMessage id="finance.refund.title" /></DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          <FormattedMessage
            id="finance.refund.summary"
            values={{
              user: purchase.userId, date: purchase.createdAt?.slice(0, 10), paid: format(purchase.amountMinor ?? 0),
              credits: formatCredits(purchase.credits ?? 0, locale), remaining: format(remaining),
            }}
          />
        </DialogContentText>
        {refund.isSuccess ? <Outcome answered={refund.data} /> : step === 'form' ? (
          <Stack spacing={2}>
            <TextField
              label={intl.formatMessage({ id: 'finance.refund.amount' }, { currency: currency.toUpperCase() })}
              value={amount}
              onChange={(event) => setAmount(event.target.value)}
              error={touched && amountError !== undefined}
              helperText={(touched && amountError) || intl.formatMessage({ id: 'finance.refund.amountHelp' }, { remaining: format(remaining) })}
              slotProps={{ htmlInput: { inputMode: 'decimal' } }}
            />
            <TextField
              label={intl.formatMessage({ id: 'finance.refund.reason' })}
              value={reason}
              required
              multiline
              minRows={2}
              onChange={(event) => setReason(event.target.value)}
              error={touched && reasonError !== undefined}
              helperText={(touched && reasonError) || intl.formatMessage({ id: 'finance.refund.reasonHelp' })}
            />
          </Stack>
        ) : (
          <Stack spacing={2}>
            <Alert severity="warning">
              <FormattedMessage
                id={viaStripe ? 'finance.refund.confirmStripe' : 'finance.refund.confirmManual'}
                values={{ amount: format(amountMinor ?? 0), user: purchase.userId }}
              />
            </Alert>
            {refund.isError && (
              <Alert severity="error">
                <FormattedMessage
                  id="finance.refund.failed"
                  values={{ message: refund.error instanceof ApiError ? refund.error.message : String(refund.error) }}
                />
              </Alert>
            )}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        {refund.isSuccess ? (
          <Button onClick={onClose} variant="contained"><FormattedMessage id="common.close" /></Button>
        ) : step === 'form' ? (
          <>
            <Button onClick={onClose}><FormattedMessage id="common.cancel" /></Button>
            <Button
              variant="contained"
              onClick={() => {
                setTouched(true);
                if (!amountError && !reasonError) setStep('confirm');
              }}
            >
              <FormattedMessage id="finance.refund.continue" />
            </Button>
          </>
        ) : (
          <>
            <Button onClick={() => { refund.reset(); setStep('form'); }} disabled={refund.isPending}>
              <FormattedMessage id="finance.refund.back" />
            </Button>
            <Button variant="contained" color="error" onClick={send} loading={refund.isPending}>
              <FormattedMessage id="finance.refund.confirm" values={{ amount: format(amountMinor ?? 0) }} />
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
