import { Alert, AlertTitle } from '@mui/material';
import { FormattedMessage } from 'react-intl';

export function NotFound() {
  return (
    <Alert severity="info">
      <AlertTitle><FormattedMessage id="shell.notFound.title" /></AlertTitle>
      <FormattedMessage id="shell.notFound.text" />
    </Alert>
  );
}
