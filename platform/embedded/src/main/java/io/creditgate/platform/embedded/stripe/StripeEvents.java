package io.creditgate.platform.embedded.stripe;

import java.time.Instant;
import java.util.function.IntSupplier;

import tools.jackson.databind.node.ObjectNode;

/** Makes the events that Stripe would send when something happens, and records them (which delivers them). */
final class StripeEvents {

    private final StripeStore store;
    private final IntSupplier endpointCount;

    StripeEvents(StripeStore store, IntSupplier endpointCount) {
        this.store = store;
        this.endpointCount = endpointCount;
    }

    /** An event whose {@code data.object} is a snapshot of {@code object} now. */
    ObjectNode emit(String type, ObjectNode object) {
        return emit(type, object, null);
    }

    /** The same with {@code data.previous_attributes}: the changed fields' values before the change. */
    ObjectNode emit(String type, ObjectNode object, ObjectNode previousAttributes) {
        ObjectNode event = StripeObjects.event(store.newId("evt"), now(), type, object, previousAttributes,
                store.origin(), endpointCount.getAsInt());
        store.recordEvent(event);
        return event;
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }
}
