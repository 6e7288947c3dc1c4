package io.creditgate.alert.contact;

import io.creditgate.alert.delivery.DeliveryProperties;
import io.creditgate.alert.web.UserIds;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET/PUT /api/users/{userId}/preferences}: the email, language and webhook a user's alerts go to. */
@RestController
class PreferencesController {

    private final Contacts contacts;
    private final DeliveryProperties delivery;

    PreferencesController(Contacts contacts, DeliveryProperties delivery) {
        this.contacts = contacts;
        this.delivery = delivery;
    }

    @GetMapping("/api/users/{userId}/preferences")
    PreferencesView get(@PathVariable String userId) {
        return PreferencesView.of(contacts.get(UserIds.checked(userId)));
    }

    @PutMapping("/api/users/{userId}/preferences")
    PreferencesView put(@PathVariable String userId, @RequestBody PreferencesRequest request) {
        PreferencesRequest valid = request.validated(delivery.webhook().allowHttp());
        return PreferencesView.of(contacts.save(UserIds.checked(userId), valid));
    }
}
