import { useState, type FormEvent } from 'react';
import { Autocomplete, Box, Button, Card, CardContent, Grid, MenuItem, TextField, Typography } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { PageHeader } from '../../common/PageHeader';
import { formatCredits, formatMinor, formatMoneyFromCredits, parseCredits, USD } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { useManualPurchase } from '../queries';
import { MANUAL_METHODS } from '../types';
import { ManualPurchaseAnswer } from './ManualPurchaseAnswer';
import { CURRENCIES, EMPTY_FORM, problems, toRequest, type ManualField, type ManualForm } from './manualForm';

/** Records money that arrived outside Stripe (PIX, bank transfer, invoice) as a purchase of credits. */
export function ManualPurchasePage() {
  const intl = useIntl();
  const { locale } = useLocale();
  const mutation = useManualPurchase();
  const [form, setForm] = useState<ManualForm>(EMPTY_FORM);
  const [touched, setTouched] = useState(false);
  const found = problems(form);
  const set = (field: ManualField) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    if (mutation.isError || mutation.isSuccess) mutation.reset();
  };
  const error = (field: ManualField) => (touched && found[field] ? intl.formatMessage({ id: found[field] }) : undefined);
  const label = (field: string) => intl.formatMessage({ id: `finance.manual.${field}` });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(found).length === 0) {
      mutation.mutate(toRequest(form));
    }
  };
  const credits = parseCredits(form.credits);
  return (
    <>
      <PageHeader title={intl.formatMessage({ id: 'finance.manual.title' })} />
      <Typography color="text.secondary" sx={{ mb: 2, maxWidth: 720 }}><FormattedMessage id="finance.manual.intro" /></Typography>
      <Card sx={{ maxWidth: 720 }}>
        <CardContent>
          <Box component="form" noValidate onSubmit={submit} aria-label={intl.formatMessage({ id: 'finance.manual.title' })}>
            <Grid container spacing={2}>
              <Grid size={12}>
                <TextField fullWidth required label={label('user')} value={form.userId} onChange={(e) => set('userId')(e.target.value)}
                  error={!!error('userId')} helperText={error('userId') ?? label('userHelp')} />
              </Grid>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextField fullWidth required label={label('credits')} value={form.credits} onChange={(e) => set('credits')(e.target.value)}
                  error={!!error('credits')}
                  helperText={error('credits') ?? (credits ? intl.formatMessage({ id: 'finance.manual.creditsWorth' },
                    { money: formatMoneyFromCredits(credits, USD, locale) }) : label('creditsHelp'))}
                  slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
              </Grid>
              <Grid size={{ xs: 6, sm: 3 }}>
                <TextField fullWidth required label={label('amount')} value={form.amount} onChange={(e) => set('amount')(e.target.value)}
                  error={!!error('amount')} helperText={error('amount') ?? label('amountHelp')}
                  slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
              </Grid>
              <Grid size={{ xs: 6, sm: 3 }}>
                <Autocomplete
                  freeSolo
                  options={CURRENCIES as readonly string[]}
                  getOptionLabel={(c) => c.toUpperCase()}
                  inputValue={form.currency.toUpperCase()}
                  onInputChange={(_e, value) => set('currency')(value.toLowerCase())}
                  renderInput={(params) => (
                    <TextField {...params} required label={label('currency')} error={!!error('currency')} helperText={error('currency')} />
                  )}
                />
              </Grid>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextField select fullWidth required label={label('method')} value={form.method} onChange={(e) => set('method')(e.target.value)}
                  error={!!error('method')} helperText={error('method')}>
                  {MANUAL_METHODS.map((m) => <MenuItem key={m} value={m}>{intl.formatMessage({ id: `finance.manualMethod.${m}` })}</MenuItem>)}
                </TextField>
              </Grid>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextField fullWidth required label={label('reference')} value={form.reference} onChange={(e) => set('reference')(e.target.value)}
                  error={!!error('reference')} helperText={error('reference') ?? label('referenceHelp')} />
              </Grid>
              <Grid size={12}>
                <TextField fullWidth multiline minRows={2} label={label('note')} value={form.note} onChange={(e) => set('note')(e.target.value)}
                  error={!!error('note')} helperText={error('note')} />
              </Grid>
              {form.amount && credits && !found.amount && !found.currency && (
                <Grid size={12}>
                  <Typography variant="body2" data-testid="manual-summary">
                    <FormattedMessage id="finance.manual.summary" values={{
                      credits: formatCredits(credits, locale), user: form.userId.trim() || '…',
                      amount: formatMinor(toRequest(form).amountMinor ?? 0, form.currency, locale),
                    }} />
                  </Typography>
                </Grid>
              )}
              <Grid size={12}><ManualPurchaseAnswer mutation={mutation} /></Grid>
              <Grid size={12} sx={{ display: 'flex', gap: 2 }}>
                <Button type="submit" variant="contained" loading={mutation.isPending}>
                  <FormattedMessage id="finance.manual.submit" />
                </Button>
                <Button onClick={() => { setForm(EMPTY_FORM); setTouched(false); mutation.reset(); }} disabled={mutation.isPending}>
                  <FormattedMessage id="finance.manual.clear" />
                </Button>
              </Grid>
            </Grid>
          </Box>
        </CardContent>
      </Card>
    </>
  );
}
