package io.creditgate.alert.contact;

import io.creditgate.web.UserIdParameter;
import io.creditgate.web.security.Caller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET/PUT /api/users/{userId}/preferences}: the email, language and webhook a user's alerts go to. The owner
 * or an admin (the access rules); a change made by anyone but the owner is audited ({@link PreferencesAudit}).
 */
@RestController
class PreferencesController {

    private final Contacts contacts;
    private final PreferencesAudit audit;
    private final boolean allowHttpWebhooks;

    /**
     * @param allowHttpWebhooks the delivery's setting, read here by name so that {@code contact} does not depend on
     *     {@code delivery} (which depends on {@code contact})
     */
    PreferencesController(Contacts contacts, PreferencesAudit audit,
            @Value("${creditgate.alerts.delivery.webhook.allow-http:false}") boolean allowHttpWebhooks) {
        this.contacts = contacts;
        this.audit = audit;
        this.allowHttpWebhooks = allowHttpWebhooks;
    }

    @GetMapping("/api/users/{userId}/preferences")
    PreferencesView get(@PathVariable String userId) {
        return PreferencesView.of(contacts.get(UserIdParameter.require(userId).value()));
    }

    @PutMapping("/api/users/{userId}/preferences")
    PreferencesView put(@PathVariable String userId, @RequestBody PreferencesRequest request, Caller caller) {
        String user = UserIdParameter.require(userId).value();
        PreferencesRequest valid = request.validated(allowHttpWebhooks);
        Contact before = contacts.get(user);
        Contact after = contacts.save(user, valid);
        if (!caller.owns(user)) {
            audit.changed(user, caller.actor(), before, after);
        }
        return PreferencesView.of(after);
    }
}
