import { useState } from 'react';
import { Alert, Grid, TextField } from '@mui/material';
import { useIntl } from 'react-intl';
import { RATE_FIELDS, TOKEN_FIELDS, type ModelPrice, type PriceChangeRequest, type PriceChangeView, type PriceText } from '../prices';
import { ReasonDialog } from '../account/ReasonDialog';
import { decimalText, EMPTY, rateText, tokensText } from './decimals';
import { MODEL_CHARS_MAX, modelProblemId } from './modelName';

const REQUIRED_RATES: readonly string[] = ['input', 'output'];

type Field = (typeof RATE_FIELDS)[number] | (typeof TOKEN_FIELDS)[number];

function prefill(price: ModelPrice | undefined): Record<Field, string> {
  return {
    input: rateText(price?.input), cachedInput: rateText(price?.cachedInput), cacheWrite: rateText(price?.cacheWrite),
    output: rateText(price?.output), reasoning: rateText(price?.reasoning),
    maxOutputTokens: price?.maxOutputTokens == null ? EMPTY : String(price.maxOutputTokens),
    contextWindow: price?.contextWindow == null ? EMPTY : String(price.contextWindow),
  };
}

/**
 * Sets a model's price (POST SET): the rates prefilled from its row (or empty for a new model, whose name is asked
 * first), optional token limits, an optional start ("at once" when empty, else a moment in the admin's time zone),
 * and the reason. Rates are sent exactly as typed.
 */
export function PriceDialog({ model: fixedModel, price, act, onDone, onClose }: {
  /** The row's model; absent to price a new one. */
  model?: string;
  price?: ModelPrice;
  act: (request: PriceChangeRequest) => Promise<PriceChangeView>;
  onDone: (change: PriceChangeView) => void;
  onClose: () => void;
}) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id: `admin.prices.dialog.${id}` }, values);
  const [model, setModel] = useState(fixedModel ?? '');
  const [values, setValues] = useState(() => prefill(price));
  const [effectiveLocal, setEffectiveLocal] = useState('');
  const texts = Object.fromEntries((Object.keys(values) as Field[]).map((field) => [field,
    (TOKEN_FIELDS as readonly string[]).includes(field) ? tokensText(values[field]) : decimalText(values[field])])) as Record<Field, string | undefined>;
  const fieldProblem = (field: Field): string | undefined => {
    if (texts[field] === undefined) return t((TOKEN_FIELDS as readonly string[]).includes(field) ? 'tokensInvalid' : 'rateInvalid');
    if (texts[field] === EMPTY && REQUIRED_RATES.includes(field)) return t('rateRequired');
    return undefined;
  };
  const modelErrorId = fixedModel === undefined ? modelProblemId(model.trim()) : undefined;
  const modelError = modelErrorId && intl.formatMessage({ id: modelErrorId }, { max: MODEL_CHARS_MAX });
  const effectiveAt = effectiveLocal ? new Date(effectiveLocal) : undefined;
  const effectiveInvalid = effectiveAt !== undefined && Number.isNaN(effectiveAt.getTime());
  const invalid = modelError !== undefined || effectiveInvalid || (Object.keys(values) as Field[]).some((f) => fieldProblem(f) !== undefined);
  const submit = async (reason: string) => {
    const priceText: PriceText = {};
    for (const field of Object.keys(values) as Field[]) {
      if (texts[field]) priceText[field] = texts[field];
    }
    const change = await act({
      action: 'SET', model: fixedModel ?? model.trim(), price: priceText, longContext: price?.longContext ?? undefined,
      effectiveAt: effectiveAt?.toISOString(), reason,
    });
    onDone(change);
  };
  const field = (name: Field, submitted: boolean) => {
    const problem = fieldProblem(name);
    const isTokens = (TOKEN_FIELDS as readonly string[]).includes(name);
    return (
      <Grid key={name} size={{ xs: 12, sm: isTokens ? 6 : 4 }}>
        <TextField
          fullWidth
          label={intl.formatMessage({ id: `admin.prices.col.${name}` })}
          value={values[name]}
          onChange={(event) => setValues((v) => ({ ...v, [name]: event.target.value }))}
          required={REQUIRED_RATES.includes(name)}
          error={submitted && problem !== undefined}
          helperText={submitted && problem ? problem : t(isTokens ? 'tokensHelp' : 'rateHelp')}
          slotProps={{ htmlInput: { inputMode: isTokens ? 'numeric' : 'decimal' } }}
        />
      </Grid>
    );
  };
  return (
    <ReasonDialog
      title={fixedModel === undefined ? t('newTitle') : t('title', { model: fixedModel })}
      description={t('text')}
      submitLabel={t('submit')}
      invalid={invalid}
      onSubmit={submit}
      onClose={onClose}
    >
      {(submitted) => (
        <>
          {fixedModel === undefined && (
            <TextField
              label={t('model')}
              value={model}
              onChange={(event) => setModel(event.target.value)}
              required
              autoFocus
              error={submitted && modelError !== undefined}
              helperText={submitted && modelError ? modelError : t('modelHelp')}
            />
          )}
          <Grid container spacing={2}>
            {RATE_FIELDS.map((name) => field(name, submitted))}
            {TOKEN_FIELDS.map((name) => field(name, submitted))}
          </Grid>
          {price?.longContext && (
            <Alert severity="info">
              {t('longContextKept', {
                above: intl.formatNumber(price.longContext.aboveTokens),
                input: intl.formatNumber(price.longContext.input, { maximumFractionDigits: 12 }),
              })}
            </Alert>
          )}
          <TextField
            type="datetime-local"
            label={t('effectiveAt')}
            value={effectiveLocal}
            onChange={(event) => setEffectiveLocal(event.target.value)}
            error={submitted && effectiveInvalid}
            helperText={t('effectiveAtHelp')}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </>
      )}
    </ReasonDialog>
  );
}
