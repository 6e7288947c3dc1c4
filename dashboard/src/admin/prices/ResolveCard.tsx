import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, CardHeader, Stack, TextField, Typography } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../api/errors';
import { ErrorState } from '../../common/ErrorState';
import { useLocale } from '../../i18n/LocaleProvider';
import { RATE_FIELDS, useResolvedPrice } from '../prices';
import { formatRate, rateLine } from './format';
import { sourceText } from './source';

/** "What would <model> be charged as?": the gateway resolves the name (aliases, prefixes, snapshots) and answers. */
export function ResolveCard() {
  const intl = useIntl();
  const { locale } = useLocale();
  const [typed, setTyped] = useState('');
  const [asked, setAsked] = useState('');
  const resolved = useResolvedPrice(asked);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked(typed.trim());
  };
  const titleId = 'prices-resolve-title';
  const refused = resolved.error instanceof ApiError && resolved.error.status < 500 ? resolved.error : undefined;
  return (
    <Card component="section" aria-labelledby={titleId}>
      <CardHeader title={<FormattedMessage id="admin.prices.resolve.title" />}
        slotProps={{ title: { id: titleId, component: 'h2', variant: 'h6' } }} />
      <CardContent sx={{ pt: 0 }}>
        <Stack component="form" direction="row" spacing={1} onSubmit={submit} sx={{ alignItems: 'flex-start' }}>
          <TextField size="small" label={intl.formatMessage({ id: 'admin.prices.resolve.model' })} value={typed}
            onChange={(event) => setTyped(event.target.value)} helperText={intl.formatMessage({ id: 'admin.prices.resolve.help' })}
            sx={{ flex: 1 }} />
          <Button type="submit" variant="outlined" loading={resolved.isFetching} disabled={typed.trim() === ''}>
            <FormattedMessage id="admin.prices.resolve.submit" />
          </Button>
        </Stack>
        <Box aria-live="polite" sx={{ mt: 1 }}>
          {refused && <Alert severity="warning">{refused.message}</Alert>}
          {resolved.isError && !refused && <ErrorState error={resolved.error} onRetry={() => void resolved.refetch()} />}
          {resolved.data && (
            <Alert severity="info" icon={false}>
              <Typography variant="body2" sx={{ fontWeight: 500 }}>
                <FormattedMessage id="admin.prices.resolve.answer" values={{
                  model: resolved.data.model, pricedAs: resolved.data.pricedAs, source: sourceText(resolved.data.version, intl),
                  version: resolved.data.version,
                }} />
              </Typography>
              <Typography variant="body2">
                {RATE_FIELDS.map((field) => rateLine(intl.formatMessage({ id: `admin.prices.col.${field}` }), formatRate(resolved.data.price[field], locale))).join(' · ')}
              </Typography>
            </Alert>
          )}
        </Box>
      </CardContent>
    </Card>
  );
}
