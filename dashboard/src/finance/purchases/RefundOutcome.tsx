import { Alert } from '@mui/material';
import { FormattedMessage } from 'react-intl';
import { formatCredits, formatMinor } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import type { Answered } from '../../api/client';
import type { RefundAnswer } from '../types';

/** What a refund did, in words: 202 sent to Stripe, 201 recorded (credits taken back), 200 asked for already. */
export function RefundOutcome({ answered }: { answered: Answered<RefundAnswer> }) {
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
