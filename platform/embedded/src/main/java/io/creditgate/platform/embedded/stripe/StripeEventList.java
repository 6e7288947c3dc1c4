package io.creditgate.platform.embedded.stripe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/events}: newest first, paged with {@code limit} and {@code starting_after} /
 * {@code ending_before}, filtered by {@code type} (a trailing {@code *} matches a prefix, e.g.
 * {@code charge.dispute.*}), {@code types[]} and {@code created[gt|gte|lt|lte]} (or {@code created=<unix>}).
 */
final class StripeEventList {

    private final StripeStore store;

    StripeEventList(StripeStore store) {
        this.store = store;
    }

    ObjectNode list(StripeForm form, long limit) {
        List<ObjectNode> newestFirst = new ArrayList<>();
        List<ObjectNode> events = store.events();
        for (int i = events.size() - 1; i >= 0; i--) {
            if (matches(events.get(i), form)) {
                newestFirst.add(events.get(i));
            }
        }
        String startingAfter = form.string("starting_after");
        String endingBefore = form.string("ending_before");
        if (startingAfter != null && endingBefore != null) {
            throw StripeError.invalidRequest("You may only specify one of these parameters: ending_before,"
                    + " starting_after.", "starting_after");
        }
        int from = 0;
        int to = newestFirst.size();
        if (startingAfter != null) {
            from = position(newestFirst, startingAfter, "starting_after") + 1;
            to = (int) Math.min(newestFirst.size(), from + limit);
        } else if (endingBefore != null) {
            to = position(newestFirst, endingBefore, "ending_before");
            from = (int) Math.max(0, to - limit);
        } else {
            to = (int) Math.min(newestFirst.size(), limit);
        }
        boolean hasMore = endingBefore != null ? from > 0 : to < newestFirst.size();
        return StripeJson.list(newestFirst.subList(from, to), hasMore, "/v1/events");
    }

    private int position(List<ObjectNode> events, String id, String param) {
        store.get(id, "event", "event");
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).get("id").asString().equals(id)) {
                return i;
            }
        }
        throw StripeError.invalidRequest("The event " + id + " given in " + param + " is not in this list.", param);
    }

    private static boolean matches(ObjectNode event, StripeForm form) {
        String type = event.get("type").asString();
        String wanted = form.string("type");
        if (wanted != null && !typeMatches(type, wanted)) {
            return false;
        }
        List<String> types = form.strings("types");
        if (!types.isEmpty() && types.stream().noneMatch(candidate -> typeMatches(type, candidate))) {
            return false;
        }
        return createdMatches(event.get("created").asLong(), form);
    }

    private static boolean typeMatches(String type, String pattern) {
        return pattern.endsWith("*") ? type.startsWith(pattern.substring(0, pattern.length() - 1))
                : type.equals(pattern);
    }

    private static boolean createdMatches(long created, StripeForm form) {
        if (!form.has("created")) {
            return true;
        }
        if (!(form.asMap().get("created") instanceof Map<?, ?>)) {
            return created == form.longValue("created");
        }
        Map<String, Object> range = form.map("created");
        Long gt = StripeForm.longIn(range, "gt");
        Long gte = StripeForm.longIn(range, "gte");
        Long lt = StripeForm.longIn(range, "lt");
        Long lte = StripeForm.longIn(range, "lte");
        return (gt == null || created > gt) && (gte == null || created >= gte) && (lt == null || created < lt)
                && (lte == null || created <= lte);
    }
}
