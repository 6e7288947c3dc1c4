package io.creditgate.ledger.plan;

import java.util.List;

import io.creditgate.ledger.account.PlanTerms;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The configured plans, for admins choosing one and for clients showing them. */
@RestController
class PlanController {

    private final PlanCatalog catalog;

    PlanController(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param defaultPlan the plan of every new account
     * @param startingCredits the one-off grant of a new account
     */
    record Plans(String defaultPlan, long startingCredits, List<PlanTerms> plans) {
    }

    @GetMapping("/api/plans")
    Plans plans() {
        return new Plans(catalog.defaultPlan().planId(), catalog.startingCredits(), catalog.all());
    }
}
