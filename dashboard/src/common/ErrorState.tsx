import { Alert, AlertTitle, Button } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/errors';
import { browser, LOGIN_PATH } from '../api/browser';

/** Says what went wrong (the API's own message) and what to do: try again, or sign in again after a 401. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const intl = useIntl();
  const status = error instanceof ApiError ? error.status : undefined;
  let text: string;
  if (status === 401) {
    text = intl.formatMessage({ id: 'common.error.unauthorized' });
  } else if (status === 403) {
    text = intl.formatMessage({ id: 'common.error.forbidden' });
  } else if (error instanceof TypeError) {
    text = intl.formatMessage({ id: 'common.error.network' });
  } else {
    const message = error instanceof Error ? error.message : String(error);
    text = intl.formatMessage({ id: 'common.error.generic' }, { message });
  }
  const action = status === 401
    ? <Button color="inherit" size="small" onClick={() => browser.assign(LOGIN_PATH)}><FormattedMessage id="common.signInAgain" /></Button>
    : onRetry && <Button color="inherit" size="small" onClick={onRetry}><FormattedMessage id="common.retry" /></Button>;
  return (
    <Alert severity="error" action={action || undefined}>
      <AlertTitle><FormattedMessage id="common.error.title" /></AlertTitle>
      {text}
    </Alert>
  );
}
