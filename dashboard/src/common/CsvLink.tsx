import { Button } from '@mui/material';
import DownloadOutlined from '@mui/icons-material/DownloadOutlined';
import { FormattedMessage, useIntl } from 'react-intl';

/** A download of the same query as CSV, written by the server (never built in the browser). */
export function CsvLink({ href, what }: { href: string; what: string }) {
  const intl = useIntl();
  return (
    <Button
      variant="outlined"
      size="small"
      startIcon={<DownloadOutlined />}
      href={href}
      download
      aria-label={intl.formatMessage({ id: 'common.csv.label' }, { what })}
    >
      <FormattedMessage id="common.csv" />
    </Button>
  );
}
