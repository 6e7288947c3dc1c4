import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, FormControlLabel, MenuItem, Stack, Switch, TextField, Typography } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import { browser } from '../../api/browser';
import type { AutoTopUpView, Pack } from '../../api/types';
import { ErrorState } from '../../common/ErrorState';
import { formatCredits, formatMinor, parseCredits, toMajor, toMinor } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { useSaveAutoTopUp, useSaveCard } from '../queries';

interface Draft {
  enabled: boolean;
  threshold: string;
  packId: string;
  cap: string;
}

interface Problems {
  threshold?: string;
  packId?: string;
  cap?: string;
}

/** The form's checks, the same as the service's: a whole threshold ≥ 0, a pack on sale, a cap ≥ the pack's price. */
export function validateTopUp(draft: Draft, packs: readonly Pack[]): Problems {
  const problems: Problems = {};
  if (parseCredits(draft.threshold) === undefined) problems.threshold = 'user.topUp.error.threshold';
  const pack = packs.find((p) => p.id === draft.packId);
  if (!pack) {
    problems.packId = 'user.topUp.error.pack';
  } else {
    const cap = toMinor(draft.cap, pack.currency);
    if (cap === undefined || cap < pack.priceMinor) problems.cap = 'user.topUp.error.cap';
  }
  return problems;
}

/** Auto top-up: opt in, threshold, pack, monthly cap; and the card it charges. */
export function AutoTopUpForm({ userId, setting, packs }: { userId: string; setting: AutoTopUpView; packs: Pack[] }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const save = useSaveAutoTopUp(userId);
  const saveCard = useSaveCard(userId);
  const initialPack = packs.find((p) => p.id === setting.packId) ?? packs[0];
  const [draft, setDraft] = useState<Draft>({
    enabled: setting.enabled,
    threshold: String(setting.thresholdCredits),
    packId: initialPack?.id ?? '',
    cap: initialPack ? toMajor(Math.max(setting.monthlyCapMinor, initialPack.priceMinor), initialPack.currency) : '',
  });
  const [problems, setProblems] = useState<Problems>({});
  const pack = packs.find((p) => p.id === draft.packId);
  const price = pack ? formatMinor(pack.priceMinor, pack.currency, locale) : '';
  const text = (id?: string) => (id ? intl.formatMessage({ id }, { price }) : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateTopUp(draft, packs);
    setProblems(found);
    if (Object.keys(found).length || !pack) return;
    save.mutate({
      enabled: draft.enabled,
      thresholdCredits: parseCredits(draft.threshold)!,
      packId: pack.id,
      monthlyCapMinor: toMinor(draft.cap, pack.currency)!,
    });
  };

  return (
    <Box component="form" noValidate onSubmit={submit}>
      <Typography color="text.secondary" sx={{ mb: 2 }}><FormattedMessage id="user.topUp.intro" /></Typography>
      <Stack spacing={2} sx={{ maxWidth: 520 }}>
        <FormControlLabel
          control={<Switch checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} />}
          label={intl.formatMessage({ id: 'user.topUp.enabled' })}
        />
        <TextField
          label={intl.formatMessage({ id: 'user.topUp.threshold' })}
          value={draft.threshold}
          onChange={(e) => setDraft({ ...draft, threshold: e.target.value })}
          error={!!problems.threshold}
          helperText={text(problems.threshold) ?? (parseCredits(draft.threshold) !== undefined ? formatCredits(parseCredits(draft.threshold)!, locale) : ' ')}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          required
        />
        <TextField
          select
          label={intl.formatMessage({ id: 'user.topUp.pack' })}
          value={draft.packId}
          onChange={(e) => {
            const next = packs.find((p) => p.id === e.target.value);
            setDraft({ ...draft, packId: e.target.value, cap: next ? toMajor(next.priceMinor * 3, next.currency) : draft.cap });
          }}
          error={!!problems.packId}
          helperText={text(problems.packId)}
          required
        >
          {packs.map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.name}: {formatMinor(p.priceMinor, p.currency, locale)}, {intl.formatMessage({ id: 'user.credits' }, { credits: formatCredits(p.credits, locale) })}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label={intl.formatMessage({ id: 'user.topUp.cap' }, { currency: pack?.currency.toUpperCase() ?? '' })}
          value={draft.cap}
          onChange={(e) => setDraft({ ...draft, cap: e.target.value })}
          error={!!problems.cap}
          helperText={text(problems.cap ?? 'user.topUp.capHelp')}
          slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          required
        />
        {setting.currency && (
          <Typography variant="body2" color="text.secondary">
            <FormattedMessage id="user.topUp.charged" values={{ amount: formatMinor(setting.chargedThisMonthMinor, setting.currency, locale) }} />
          </Typography>
        )}
        {setting.failuresInARow > 0 && (
          <Alert severity="warning"><FormattedMessage id="user.topUp.failures" values={{ count: setting.failuresInARow }} /></Alert>
        )}
        {save.isError && <ErrorState error={save.error} />}
        {save.isSuccess && <Alert severity="success" role="status"><FormattedMessage id="user.topUp.saved" /></Alert>}
        <Box>
          <Button type="submit" variant="contained" disabled={save.isPending}><FormattedMessage id="user.topUp.save" /></Button>
        </Box>
        <Typography>
          {setting.card
            ? <FormattedMessage id="user.topUp.card" values={{ brand: setting.card.brand ?? '', last4: setting.card.last4 ?? '' }} />
            : <FormattedMessage id="user.topUp.noCard" />}
        </Typography>
        {saveCard.isError && <ErrorState error={saveCard.error} />}
        <Box>
          <Button
            variant="outlined"
            disabled={saveCard.isPending}
            onClick={() => saveCard.mutate(undefined, { onSuccess: (answer) => browser.assign(answer.url) })}
          >
            <FormattedMessage id="user.topUp.saveCard" />
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}
