import { useIntl } from 'react-intl';
import type { PriceChangeRequest, PriceChangeView } from '../prices';
import { ReasonDialog } from '../account/ReasonDialog';

/** Removes an alias (POST UNALIAS): calls naming it are priced by its own name again, or refused if it has none. */
export function RemoveAliasDialog({ alias, target, act, onDone, onClose }: {
  alias: string;
  target: string;
  act: (request: PriceChangeRequest) => Promise<PriceChangeView>;
  onDone: (change: PriceChangeView) => void;
  onClose: () => void;
}) {
  const intl = useIntl();
  const submit = async (reason: string) => onDone(await act({ action: 'UNALIAS', model: alias, reason }));
  return (
    <ReasonDialog
      title={intl.formatMessage({ id: 'admin.prices.unalias.title' }, { alias })}
      description={intl.formatMessage({ id: 'admin.prices.unalias.text' }, { alias, model: target })}
      submitLabel={intl.formatMessage({ id: 'admin.prices.unalias.submit' })}
      onSubmit={submit}
      onClose={onClose}
      danger
    />
  );
}
