package io.creditgate.payment.stripe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.model.Event;

/**
 * Reading a verified event. Handlers take only the id of the event's object from it and retrieve the object itself
 * from the API: the payload may be stale or out of order, and an event sent in another API version than
 * stripe-java's deserializes to an empty {@code getObject()} (STACK-NOTES), while the object's id is in the raw JSON
 * whatever the version.
 */
public final class StripeEvents {

    private StripeEvents() {
    }

    /** The id of the event's {@code data.object}; throws when the event carries none. */
    public static String objectId(Event event) {
        String id = objectField(event, "id");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Stripe event " + event.getId() + " (" + event.getType()
                    + ") carries no object id");
        }
        return id;
    }

    /** A top-level string field of the event's {@code data.object} (e.g. {@code charge}), or null. */
    public static String objectField(Event event, String field) {
        JsonObject object = rawObject(event);
        JsonElement value = object == null ? null : object.get(field);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (value.isJsonObject()) {
            // An expanded reference: its id.
            JsonElement id = value.getAsJsonObject().get("id");
            return id == null || id.isJsonNull() ? null : id.getAsString();
        }
        return value.isJsonPrimitive() ? value.getAsString() : null;
    }

    /** True when the event was rendered in another API version than the one stripe-java is pinned to. */
    public static boolean otherApiVersion(Event event) {
        return event.getApiVersion() != null && !com.stripe.Stripe.API_VERSION.equals(event.getApiVersion());
    }

    private static JsonObject rawObject(Event event) {
        if (event.getDataObjectDeserializer() == null) {
            return null;
        }
        String raw = event.getDataObjectDeserializer().getRawJson();
        return raw == null ? null : JsonParser.parseString(raw).getAsJsonObject();
    }
}
