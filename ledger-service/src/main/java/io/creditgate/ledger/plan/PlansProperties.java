package io.creditgate.ledger.plan;

import java.time.Duration;
import java.util.Map;

import io.creditgate.ledger.account.CyclePeriod;
import io.creditgate.ledger.account.RenewedBy;
import io.creditgate.ledger.account.Rollover;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The plans a user can be on. The default plan is the one every new account opens on; its starting credits are
 * {@code creditgate.starting-credits} (the gateway admits an unseen user against the same number).
 *
 * @param defaultPlan id of the plan of new accounts (env {@code CREDITGATE_PLANS_DEFAULT_PLAN}); when the catalog
 *     does not define it, it is a plan without allowance that never renews
 * @param timeZone the zone whose calendar aligns every cycle (env {@code CREDITGATE_PLANS_TIME_ZONE})
 * @param catalog the plans by id
 * @param renewal the scheduler that renews ended cycles
 */
@ConfigurationProperties("creditgate.plans")
public record PlansProperties(
        @DefaultValue("default") String defaultPlan,
        @DefaultValue("UTC") String timeZone,
        Map<String, Plan> catalog,
        @DefaultValue Renewal renewal) {

    public PlansProperties {
        catalog = catalog == null ? Map.of() : Map.copyOf(catalog);
    }

    /**
     * @param period NONE, DAILY, WEEKLY or MONTHLY
     * @param allowanceCredits credits granted at every cycle start
     * @param rollover RESET (unspent allowance forfeited) or CAPPED
     * @param rolloverCapCredits with CAPPED, the most unspent allowance carried into the next cycle
     * @param renewedBy CLOCK (the calendar renews it) or PAYMENT (only a paid subscription invoice does)
     */
    public record Plan(
            @DefaultValue("NONE") CyclePeriod period,
            @DefaultValue("0") long allowanceCredits,
            @DefaultValue("RESET") Rollover rollover,
            @DefaultValue("0") long rolloverCapCredits,
            @DefaultValue("CLOCK") RenewedBy renewedBy) {
    }

    /**
     * @param enabled run the renewal scheduler on this node (several may: a second renewal finds nothing due)
     * @param interval pause between two runs; commands carrying a later time renew on their own, so this only bounds
     *     how long an idle account shows the cycle that ended
     * @param batchAccounts at most this many accounts per run; the next run continues
     */
    public record Renewal(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("60s") Duration interval,
            @DefaultValue("1000") int batchAccounts) {

        public Renewal {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("creditgate.plans.renewal.interval must be positive");
            }
            if (batchAccounts < 1 || batchAccounts > 100_000) {
                throw new IllegalArgumentException("creditgate.plans.renewal.batch-accounts must be 1 to 100000");
            }
        }
    }
}
