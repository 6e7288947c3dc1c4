import { Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { FormattedMessage, useIntl } from 'react-intl';
import type { AccountView } from '../../api/types';
import { formatCredits, formatDate, formatDateTime, formatMoneyFromCredits, USD } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { AccountStatusChip } from '../AccountStatusChip';
import { DefinitionLine as Line } from './DefinitionLine';

/** The account at a glance: balance (credits and USD), status, plan, this cycle's use and cap. */
export function AccountCard({ account }: { account: AccountView }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const label = (id: string) => intl.formatMessage({ id: `admin.account.${id}` });
  const credits = (value: number) => intl.formatMessage({ id: 'admin.credits' }, { credits: formatCredits(value, locale) });
  const percent = Math.min(100, Math.floor(account.utilisationBasisPoints / 100));
  return (
    <Card sx={{ height: '100%' }}>
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
          <Typography variant="h2" component="h2"><FormattedMessage id="admin.account.title" /></Typography>
          <AccountStatusChip status={account.status} />
        </Stack>
        <Typography sx={{ fontSize: '1.75rem', fontWeight: 600 }} data-testid="admin-balance">{credits(account.balanceCredits)}</Typography>
        <Typography color="text.secondary" sx={{ mb: 1 }}>≈ {formatMoneyFromCredits(account.balanceCredits, USD, locale)}</Typography>
        <Stack component="dl" sx={{ m: 0 }}>
          <Line label={label('spendable')}>{credits(account.spendableCredits)}</Line>
          <Line label={label('plan')}>{account.planId ?? '—'}</Line>
          <Line label={label('cycleUse')}>
            {account.cycleCredits > 0
              ? intl.formatMessage({ id: 'admin.account.cycleUseValue' }, {
                spent: formatCredits(account.spentCycleCredits, locale), allowance: formatCredits(account.cycleCredits, locale), percent,
              })
              : credits(account.spentCycleCredits)}
          </Line>
          <Line label={label('cap')}>{account.cycleCapCredits == null ? label('noCap') : credits(account.cycleCapCredits)}</Line>
          <Line label={label('cycleEnds')}>{account.cycleEndsAt ? formatDate(account.cycleEndsAt, locale) : label('neverRenews')}</Line>
          {account.updatedAt && <Line label={label('updatedAt')}>{formatDateTime(account.updatedAt, locale)}</Line>}
        </Stack>
        {account.cycleCredits > 0 && (
          <LinearProgress
            variant="determinate"
            value={percent}
            color={percent >= 80 ? 'error' : 'primary'}
            aria-label={label('cycleUse')}
            sx={{ mt: 1, height: 8, borderRadius: 4 }}
          />
        )}
      </CardContent>
    </Card>
  );
}
