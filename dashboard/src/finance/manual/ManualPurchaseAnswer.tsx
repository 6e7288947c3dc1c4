import { Alert, AlertTitle, Typography } from '@mui/material';
import { FormattedMessage } from 'react-intl';
import { ApiError } from '../../api/errors';
import { ErrorState } from '../../common/ErrorState';
import { formatCredits, formatMinor } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import type { useManualPurchase } from '../queries';

/** The service's answer in words: 201 recorded, 200 the same reference and details already recorded, 409 reused. */
export function ManualPurchaseAnswer({ mutation }: { mutation: ReturnType<typeof useManualPurchase> }) {
  const { locale } = useLocale();
  if (mutation.isError) {
    const error = mutation.error;
    if (error instanceof ApiError && error.status === 409) {
      return (
        <Alert severity="error" role="alert">
          <AlertTitle><FormattedMessage id="finance.manual.conflict.title" /></AlertTitle>
          {error.message}
          <Typography variant="body2" sx={{ mt: 1 }}><FormattedMessage id="finance.manual.conflict.help" /></Typography>
        </Alert>
      );
    }
    if (error instanceof ApiError && error.status === 400) {
      return <Alert severity="error" role="alert"><FormattedMessage id="finance.manual.refused" values={{ message: error.message }} /></Alert>;
    }
    return <ErrorState error={error} />;
  }
  if (!mutation.isSuccess) {
    return null;
  }
  const { status, body } = mutation.data;
  const values = {
    id: body.purchaseId, user: body.userId, credits: formatCredits(body.credits ?? 0, locale),
    amount: formatMinor(body.amountMinor ?? 0, body.currency ?? 'usd', locale),
  };
  return (
    <Alert severity={status === 201 ? 'success' : 'info'} role="status">
      <FormattedMessage id={status === 201 ? 'finance.manual.recorded' : 'finance.manual.repeated'} values={values} />
    </Alert>
  );
}
