import { Button, Card, CardActions, CardContent, Typography } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Pack } from '../../api/types';
import { formatCredits, formatMinor } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';

/** One pack: its price in its own currency, its credits, and Buy. */
export function PackCard({ pack, canBuy, busy, onBuy }: { pack: Pack; canBuy: boolean; busy: boolean; onBuy: () => void }) {
  const { locale } = useLocale();
  const intl = useIntl();
  const price = formatMinor(pack.priceMinor, pack.currency, locale);
  return (
    <Card sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <CardContent sx={{ flexGrow: 1 }}>
        <Typography variant="h3" component="h3" gutterBottom>{pack.name}</Typography>
        <Typography sx={{ fontSize: '1.6rem', fontWeight: 600 }}>{price}</Typography>
        <Typography color="text.secondary">
          <FormattedMessage id="user.buy.perMillion" values={{ credits: formatCredits(pack.credits, locale) }} />
        </Typography>
      </CardContent>
      {canBuy && (
        <CardActions>
          <Button
            variant="contained"
            fullWidth
            disabled={busy}
            onClick={onBuy}
            aria-label={intl.formatMessage({ id: 'user.buy.buyLabel' }, { name: pack.name, price })}
          >
            <FormattedMessage id="user.buy.buy" />
          </Button>
        </CardActions>
      )}
    </Card>
  );
}
