import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { FormattedMessage } from 'react-intl';
import type { AccountView } from '../../api/types';
import { formatCredits, formatMoneyFromCredits, type CurrencyRate } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { StatusChip } from './StatusChip';

/** The balance in credits and in money, the status and what it means. */
export function BalanceCard({ account, rate }: { account: AccountView; rate: CurrencyRate }) {
  const { locale } = useLocale();
  const known = ['ACTIVE', 'EXHAUSTED', 'BLOCKED'].includes(account.status);
  return (
    <Card sx={{ height: '100%' }}>
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
          <Typography variant="h2" component="h2"><FormattedMessage id="user.balance.title" /></Typography>
          <StatusChip status={account.status} />
        </Stack>
        <Typography sx={{ fontSize: '2rem', fontWeight: 600 }} data-testid="balance-credits">
          <FormattedMessage id="user.credits" values={{ credits: formatCredits(account.balanceCredits, locale) }} />
        </Typography>
        <Typography color="text.secondary" data-testid="balance-money">
          <FormattedMessage id="user.balance.money" values={{ money: formatMoneyFromCredits(account.balanceCredits, rate, locale) }} />
        </Typography>
        {account.spendableCredits < account.balanceCredits && (
          <Typography variant="body2" sx={{ mt: 1 }}>
            <FormattedMessage id="user.balance.spendable" values={{ credits: formatCredits(account.spendableCredits, locale) }} />
          </Typography>
        )}
        <Box sx={{ mt: 2 }}>
          <Typography variant="body2" color="text.secondary">
            {known ? <FormattedMessage id={`user.status.${account.status}.explained`} /> : account.status}
          </Typography>
        </Box>
      </CardContent>
    </Card>
  );
}
