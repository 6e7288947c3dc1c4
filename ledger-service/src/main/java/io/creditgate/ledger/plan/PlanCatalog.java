package io.creditgate.ledger.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.creditgate.ledger.account.AccountProperties;
import io.creditgate.ledger.account.PlanTerms;
import org.springframework.stereotype.Component;

/**
 * The configured plans as the terms the journal records. Checked at start: a bad plan, time zone or default plan
 * stops the service instead of failing the first account.
 */
@Component
public class PlanCatalog {

    private final long startingCredits;
    private final PlanTerms defaultPlan;
    private final Map<String, PlanTerms> plans = new LinkedHashMap<>();

    PlanCatalog(PlansProperties properties, AccountProperties accounts) {
        this.startingCredits = accounts.startingCredits();
        properties.catalog().forEach((id, plan) -> plans.put(id, terms(id, plan, properties.timeZone())));
        PlanTerms fallback = new PlanTerms(properties.defaultPlan(), io.creditgate.ledger.account.CyclePeriod.NONE, 0,
                io.creditgate.ledger.account.Rollover.RESET, 0, properties.timeZone());
        requireValid(fallback);
        this.defaultPlan = plans.computeIfAbsent(properties.defaultPlan(), id -> fallback);
    }

    private static PlanTerms terms(String id, PlansProperties.Plan plan, String timeZone) {
        return requireValid(new PlanTerms(id, plan.period(), plan.allowanceCredits(), plan.rollover(),
                plan.rolloverCapCredits(), timeZone, plan.renewedBy()));
    }

    private static PlanTerms requireValid(PlanTerms terms) {
        if (terms.problem() != null) {
            throw new IllegalArgumentException("creditgate.plans: plan '" + terms.planId() + "': " + terms.problem());
        }
        return terms;
    }

    /** The plan of every new account. */
    public PlanTerms defaultPlan() {
        return defaultPlan;
    }

    /** The starting credits of a new account (the default plan's one-off grant). */
    public long startingCredits() {
        return startingCredits;
    }

    public Optional<PlanTerms> find(String planId) {
        return Optional.ofNullable(plans.get(planId));
    }

    /** The ids of the plans only a paid invoice renews (the renewal scheduler leaves their accounts alone). */
    public List<String> renewedByPayment() {
        return plans.values().stream().filter(PlanTerms::renewedByPayment).map(PlanTerms::planId).sorted().toList();
    }

    /** Every plan, by id. */
    public List<PlanTerms> all() {
        List<PlanTerms> all = new ArrayList<>(plans.values());
        all.sort(Comparator.comparing(PlanTerms::planId));
        return all;
    }
}
