import { Box, Card, CardContent, Typography } from '@mui/material';
import { Gauge, gaugeClasses, useGaugeState } from '@mui/x-charts/Gauge';
import { FormattedMessage, useIntl } from 'react-intl';
import type { AccountView } from '../../api/types';
import { formatCredits, formatDate } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';

/** Where the alerts warn: 80 % of the cycle's allowance. */
export const WARNING_PERCENT = 80;

/** A tick across the gauge's arc at the 80 % mark. */
function WarningMark() {
  const { cx, cy, innerRadius, outerRadius, startAngle, endAngle } = useGaugeState();
  const angle = startAngle + ((endAngle - startAngle) * WARNING_PERCENT) / 100;
  const point = (radius: number) => [cx + radius * Math.sin(angle), cy - radius * Math.cos(angle)];
  const [x1, y1] = point(innerRadius - 4);
  const [x2, y2] = point(outerRadius + 4);
  return <line x1={x1} y1={y1} x2={x2} y2={y2} stroke="currentColor" strokeWidth={3} data-testid="gauge-80-mark" />;
}

/** This cycle's use of its allowance, with the 80 % mark and when the cycle renews. */
export function CycleGauge({ account }: { account: AccountView }) {
  const { locale } = useLocale();
  const intl = useIntl();
  const percent = Math.min(100, Math.floor(account.utilisationBasisPoints / 100));
  const label = intl.formatMessage({ id: 'user.cycle.gaugeLabel' }, { percent });
  return (
    <Card sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="h2" component="h2" gutterBottom><FormattedMessage id="user.cycle.title" /></Typography>
        {account.cycleCredits <= 0 ? (
          <Typography color="text.secondary"><FormattedMessage id="user.cycle.none" /></Typography>
        ) : (
          <>
            <Box role="img" aria-label={label} data-testid="cycle-gauge" sx={{ height: 180, color: 'text.primary' }}>
              <Gauge
                value={percent}
                startAngle={-110}
                endAngle={110}
                innerRadius="70%"
                text={`${percent} %`}
                aria-hidden
                sx={{
                  [`& .${gaugeClasses.valueArc}`]: { fill: percent >= WARNING_PERCENT ? '#d32f2f' : '#1f5fbf' },
                  [`& .${gaugeClasses.valueText}`]: { fontSize: 24 },
                }}
              >
                <WarningMark />
              </Gauge>
            </Box>
            <Typography variant="body2" sx={{ textAlign: 'center' }}>
              <FormattedMessage
                id="user.cycle.used"
                values={{ spent: formatCredits(account.spentCycleCredits, locale), allowance: formatCredits(account.cycleCredits, locale) }}
              />
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ textAlign: 'center' }}>
              {account.cycleEndsAt
                ? <FormattedMessage id="user.cycle.endsAt" values={{ date: formatDate(account.cycleEndsAt, locale) }} />
                : <FormattedMessage id="user.cycle.neverRenews" />}
            </Typography>
          </>
        )}
      </CardContent>
    </Card>
  );
}
