import { useState } from 'react';
import { Autocomplete, TextField } from '@mui/material';
import { useIntl } from 'react-intl';
import type { PriceChangeRequest, PriceChangeView } from '../prices';
import { ReasonDialog } from '../account/ReasonDialog';
import { MODEL_CHARS_MAX, modelProblemId } from './modelName';

/** Adds an alias (POST ALIAS): a name of the operator's own that is charged as a priced model. */
export function AddAliasDialog({ models, act, onDone, onClose }: {
  /** The priced models, sorted: the alias must point at one of them. */
  models: string[];
  act: (request: PriceChangeRequest) => Promise<PriceChangeView>;
  onDone: (change: PriceChangeView) => void;
  onClose: () => void;
}) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id: `admin.prices.alias.${id}` });
  const [alias, setAlias] = useState('');
  const [target, setTarget] = useState<string | null>(null);
  const aliasErrorId = modelProblemId(alias.trim());
  const aliasError = aliasErrorId && intl.formatMessage({ id: aliasErrorId }, { max: MODEL_CHARS_MAX });
  const targetMissing = target === null;
  const submit = async (reason: string) => onDone(await act({ action: 'ALIAS', model: alias.trim(), aliasOf: target!, reason }));
  return (
    <ReasonDialog
      title={t('title')}
      description={t('text')}
      submitLabel={t('submit')}
      invalid={aliasError !== undefined || targetMissing}
      onSubmit={submit}
      onClose={onClose}
    >
      {(submitted) => (
        <>
          <TextField
            label={t('name')}
            value={alias}
            onChange={(event) => setAlias(event.target.value)}
            required
            autoFocus
            error={submitted && aliasError !== undefined}
            helperText={submitted && aliasError ? aliasError : t('nameHelp')}
          />
          <Autocomplete
            options={models}
            value={target}
            onChange={(_event, next) => setTarget(next)}
            autoHighlight
            renderInput={(params) => (
              <TextField {...params} label={t('model')} required error={submitted && targetMissing}
                helperText={submitted && targetMissing ? t('modelRequired') : t('modelHelp')} />
            )}
          />
        </>
      )}
    </ReasonDialog>
  );
}
