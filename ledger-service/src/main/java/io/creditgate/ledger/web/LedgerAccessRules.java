package io.creditgate.ledger.web;

import static io.creditgate.schemas.identity.Role.ADMIN;
import static io.creditgate.schemas.identity.Role.FINANCE;

import io.creditgate.web.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call which ledger route (decision 40; the table in docs/ledger.md). Anything not listed is denied, and
 * {@code LedgerRoutesTest} fails when a mapped route has no rule here.
 */
@Configuration(proxyBeanMethods = false)
class LedgerAccessRules {

    @Bean
    AccessRules accessRules() {
        return AccessRules.builder()
                // A person's balance, grants, statement and usage: theirs, or staff's.
                .get("/api/accounts/{userId}/**").ownAccountOr(ADMIN, FINANCE)
                // Grants, revocations, adjustments, blocks, caps and plans change money or access: admin only.
                .post("/api/admin/accounts/**").roles(ADMIN)
                .put("/api/admin/accounts/**").roles(ADMIN)
                // The accounts grid reads every account: staff, like the other reports.
                .get("/api/admin/accounts").roles(ADMIN, FINANCE)
                .get("/api/admin/audit").roles(ADMIN, FINANCE)
                .get("/api/admin/audit/**").roles(ADMIN, FINANCE)
                .get("/api/admin/usage/**").roles(ADMIN, FINANCE)
                .post("/api/admin/replay").roles(FINANCE, ADMIN)
                // The provider's bill beside ours: finance's audit, which admins may read too.
                .get("/api/finance/reconciliation").roles(FINANCE, ADMIN)
                .get("/api/plans").authenticated()
                .apiDocsForSignedIn()
                .build();
    }
}
