import { useIntl } from 'react-intl';
import type { PriceChangeRequest, PriceChangeView } from '../prices';
import { ReasonDialog } from '../account/ReasonDialog';

/** Takes back an admin's price (POST RESET): the model is charged at its configured or catalogue price again. */
export function ResetPriceDialog({ model, act, onDone, onClose }: {
  model: string;
  act: (request: PriceChangeRequest) => Promise<PriceChangeView>;
  onDone: (change: PriceChangeView) => void;
  onClose: () => void;
}) {
  const intl = useIntl();
  const submit = async (reason: string) => onDone(await act({ action: 'RESET', model, reason }));
  return (
    <ReasonDialog
      title={intl.formatMessage({ id: 'admin.prices.reset.title' }, { model })}
      description={intl.formatMessage({ id: 'admin.prices.reset.text' })}
      submitLabel={intl.formatMessage({ id: 'admin.prices.reset.submit' })}
      onSubmit={submit}
      onClose={onClose}
    />
  );
}
