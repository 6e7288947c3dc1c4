package io.creditgate.alert.contact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.creditgate.alert.kafka.ListenerContainers;
import io.creditgate.schemas.event.UsageRecorded;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Learns each user's email from the usage events (LibreChat asserts it with every call). Most events repeat the
 * email already stored, so a bounded in-memory map of the last email per user keeps PostgreSQL out of the path
 * of the usage stream; only a changed email is written.
 */
@Component
class UsageEmailListener {

    private static final Logger log = LoggerFactory.getLogger(UsageEmailListener.class);
    private static final int MAX_REMEMBERED_USERS = 100_000;
    private static final int MAX_EMAIL_CHARS = 254;

    private final Contacts contacts;
    private final Map<String, String> known = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_REMEMBERED_USERS;
        }
    });

    UsageEmailListener(Contacts contacts) {
        this.contacts = contacts;
    }

    @KafkaListener(id = "alert-contacts", groupId = "${creditgate.alerts.delivery.contacts-group:alert-contacts}",
            containerFactory = ListenerContainers.USAGE, autoStartup = "${creditgate.alerts.delivery.enabled:true}",
            topics = "#{T(io.creditgate.schemas.Topics).USAGE_EVENTS.name()}")
    void on(ConsumerRecord<String, SpecificRecord> record) {
        if (!(record.value() instanceof UsageRecorded usage)) {
            return;
        }
        String email = usage.getUserEmail().trim();
        // LibreChat sends an empty or literal {{...}} placeholder when it does not know the email.
        if (email.isEmpty() || email.contains("{{") || email.length() > MAX_EMAIL_CHARS || !email.contains("@")) {
            return;
        }
        if (email.equals(known.get(usage.getUserId()))) {
            return;
        }
        if (contacts.learnEmail(usage.getUserId(), email)) {
            log.debug("learned the email of {}", usage.getUserId());
        }
        known.put(usage.getUserId(), email);
    }
}
