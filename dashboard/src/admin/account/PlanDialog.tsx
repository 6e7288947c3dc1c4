import { useState } from 'react';
import { MenuItem, TextField } from '@mui/material';
import { useIntl } from 'react-intl';
import { ErrorState } from '../../common/ErrorState';
import { LoadingState } from '../../common/LoadingState';
import { formatCredits } from '../../format';
import { useLocale } from '../../i18n/LocaleProvider';
import { usePlans, type LedgerAction, type PlanTerms } from '../ledgerAdmin';
import { ReasonDialog } from './ReasonDialog';

/** Put the user on one of the configured plans (GET /api/plans); a new cycle starts now. */
export function PlanDialog({ userId, currentPlanId, act, onClose }: {
  userId: string;
  currentPlanId?: string;
  act: (action: LedgerAction) => Promise<unknown>;
  onClose: () => void;
}) {
  const intl = useIntl();
  const { locale } = useLocale();
  const plans = usePlans();
  const [planId, setPlanId] = useState(currentPlanId ?? '');
  const describe = (plan: PlanTerms) => intl.formatMessage({ id: 'admin.plan.terms' }, {
    planId: plan.planId,
    allowance: formatCredits(plan.allowanceCredits ?? 0, locale),
    period: intl.formatMessage({ id: `admin.plan.period.${plan.period ?? 'NONE'}` }),
  });
  return (
    <ReasonDialog
      title={intl.formatMessage({ id: 'admin.plan.title' }, { userId })}
      description={intl.formatMessage({ id: 'admin.plan.text' })}
      submitLabel={intl.formatMessage({ id: 'admin.plan.submit' })}
      invalid={!planId}
      onSubmit={(reason) => act({ kind: 'plan', body: { planId, reason } })}
      onClose={onClose}
    >
      {(submitted) => {
        if (plans.isPending) return <LoadingState lines={1} height={48} />;
        if (plans.isError) return <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />;
        return (
          <TextField
            select
            required
            label={intl.formatMessage({ id: 'admin.plan.plan' })}
            value={planId}
            onChange={(event) => setPlanId(event.target.value)}
            error={submitted && !planId}
            helperText={submitted && !planId ? intl.formatMessage({ id: 'admin.plan.required' }) : undefined}
          >
            {(plans.data.plans ?? []).map((plan) => (
              <MenuItem key={plan.planId} value={plan.planId}>{describe(plan)}</MenuItem>
            ))}
          </TextField>
        );
      }}
    </ReasonDialog>
  );
}
