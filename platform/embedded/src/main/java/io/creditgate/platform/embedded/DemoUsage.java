package io.creditgate.platform.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the demo upstream billed, as a provider keeps it: per minute, kind of call and model, the requests and the
 * tokens it really served (whether or not it reported them to the caller), and OpenAI's organisation usage API over
 * it ({@code GET /v1/organization/usage/completions} and {@code …/embeddings}). Memory is bounded: one entry per
 * minute and model, and at most {@link #MAX_MINUTES} minutes (the oldest go first).
 */
public final class DemoUsage {

    /** 93 days of minutes: the longest reconciliation (92 days) and a day's slack. */
    static final int MAX_MINUTES = 93 * 24 * 60;

    /** The dated snapshot OpenAI (and Anthropic) report for each name the demo serves. */
    static final Map<String, String> SNAPSHOTS = Map.of(
            "gpt-4o-mini", "gpt-4o-mini-2024-07-18",
            "gpt-4o", "gpt-4o-2024-08-06",
            "gpt-4.1-mini", "gpt-4.1-mini-2025-04-14",
            "gpt-5-mini", "gpt-5-mini-2025-08-07",
            "claude-sonnet-4-5", "claude-sonnet-4-5-20250929",
            "claude-haiku-4-5", "claude-haiku-4-5-20251001");

    /** The usage of one minute, kind and model. */
    private static final class Counts {
        long requests;
        long inputTokens;
        long cachedInputTokens;
        long outputTokens;

        void add(Counts other) {
            requests += other.requests;
            inputTokens += other.inputTokens;
            cachedInputTokens += other.cachedInputTokens;
            outputTokens += other.outputTokens;
        }
    }

    private record Key(DemoBill.Kind kind, String model) {
    }

    private final NavigableMap<Long, Map<Key, Counts>> minutes = new TreeMap<>();

    /** The model name the usage report shows for a name the caller used: its dated snapshot where it has one. */
    public static String reportedModel(String model) {
        return SNAPSHOTS.getOrDefault(model, model);
    }

    synchronized void record(Instant at, DemoBill bill) {
        long minute = Math.floorDiv(at.getEpochSecond(), 60);
        Counts counts = minutes.computeIfAbsent(minute, m -> new HashMap<>())
                .computeIfAbsent(new Key(bill.kind(), reportedModel(bill.model())), k -> new Counts());
        counts.requests++;
        counts.inputTokens += bill.inputTokens();
        counts.cachedInputTokens += bill.cachedInputTokens();
        counts.outputTokens += bill.outputTokens();
        while (minutes.size() > MAX_MINUTES) {
            minutes.pollFirstEntry();
        }
    }

    /** Forgets everything billed. */
    synchronized void clear() {
        minutes.clear();
    }

    /** How many minutes are kept (for the bound's test). */
    synchronized int minutesKept() {
        return minutes.size();
    }

    /** A usage request's parameters, validated. */
    record Query(DemoBill.Kind kind, long startTime, long endTime, long bucketSeconds, int limit, boolean byModel,
                 int firstBucket) {

        static Query parse(DemoBill.Kind kind, Map<String, List<String>> params, long nowSeconds) {
            Long start = number(params, "start_time");
            if (start == null) {
                throw new DemoUpstreamWire.BadRequest("Missing required parameter: 'start_time'.");
            }
            Long end = number(params, "end_time");
            String width = first(params, "bucket_width", "1d");
            long seconds;
            int defaultLimit;
            int maxLimit;
            switch (width) {
                case "1m" -> { seconds = 60; defaultLimit = 60; maxLimit = 1_440; }
                case "1h" -> { seconds = 3_600; defaultLimit = 24; maxLimit = 168; }
                case "1d" -> { seconds = 86_400; defaultLimit = 7; maxLimit = 31; }
                default -> throw new DemoUpstreamWire.BadRequest(
                        "Invalid 'bucket_width': expected one of '1m', '1h', '1d', got '" + width + "'.");
            }
            Long limit = number(params, "limit");
            if (limit != null && (limit < 1 || limit > maxLimit)) {
                throw new DemoUpstreamWire.BadRequest("Invalid 'limit': for bucket_width " + width + " it must be between 1 and "
                        + maxLimit + ".");
            }
            List<String> groupBy = new ArrayList<>(params.getOrDefault("group_by", List.of()));
            groupBy.addAll(params.getOrDefault("group_by[]", List.of()));
            long endTime = end == null ? nowSeconds : end;
            if (endTime <= start) {
                throw new DemoUpstreamWire.BadRequest("'end_time' must be after 'start_time'.");
            }
            return new Query(kind, start, endTime, seconds, limit == null ? defaultLimit : limit.intValue(),
                    groupBy.contains("model"), page(first(params, "page", null)));
        }

        private static Long number(Map<String, List<String>> params, String name) {
            String value = first(params, name, null);
            if (value == null) {
                return null;
            }
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new DemoUpstreamWire.BadRequest("Invalid '" + name + "': expected an integer, got '" + value + "'.");
            }
        }

        private static String first(Map<String, List<String>> params, String name, String fallback) {
            List<String> values = params.get(name);
            return values == null || values.isEmpty() ? fallback : values.get(0);
        }

        private static int page(String cursor) {
            if (cursor == null) {
                return 0;
            }
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor.substring("page_".length())),
                        StandardCharsets.UTF_8);
                return Integer.parseInt(decoded.substring("bucket:".length()));
            } catch (RuntimeException e) {
                throw new DemoUpstreamWire.BadRequest("Invalid 'page': '" + cursor + "' is not a page cursor of this query.");
            }
        }
    }

    /** One page of the usage report: {@code limit} buckets from the cursor's, each with its results. */
    synchronized ObjectNode page(Query query) {
        long first = Math.floorDiv(query.startTime(), query.bucketSeconds()) * query.bucketSeconds();
        long buckets = (query.endTime() - first + query.bucketSeconds() - 1) / query.bucketSeconds();
        ObjectNode root = DemoUpstreamWire.JSON.createObjectNode();
        root.put("object", "page");
        ArrayNode data = root.putArray("data");
        long last = Math.min(buckets, (long) query.firstBucket() + query.limit());
        for (long i = query.firstBucket(); i < last; i++) {
            long start = first + i * query.bucketSeconds();
            bucket(data.addObject(), query, start, start + query.bucketSeconds());
        }
        boolean more = last < buckets;
        root.put("has_more", more);
        if (more) {
            root.put("next_page", "page_" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("bucket:" + last).getBytes(StandardCharsets.UTF_8)));
        } else {
            root.putNull("next_page");
        }
        return root;
    }

    private void bucket(ObjectNode bucket, Query query, long start, long end) {
        bucket.put("object", "bucket");
        bucket.put("start_time", start);
        bucket.put("end_time", end);
        Map<String, Counts> byModel = new TreeMap<>();
        for (Map<Key, Counts> minute : minutes.subMap(Math.floorDiv(start, 60), true, Math.floorDiv(end, 60), false).values()) {
            minute.forEach((key, counts) -> {
                if (key.kind() == query.kind()) {
                    byModel.computeIfAbsent(query.byModel() ? key.model() : "", m -> new Counts()).add(counts);
                }
            });
        }
        ArrayNode results = bucket.putArray("results");
        byModel.forEach((model, counts) -> result(results.addObject(), query, query.byModel() ? model : null, counts));
    }

    private static void result(ObjectNode result, Query query, String model, Counts counts) {
        if (query.kind() == DemoBill.Kind.EMBEDDINGS) {
            result.put("object", "organization.usage.embeddings.result");
            result.put("input_tokens", counts.inputTokens);
            result.put("num_model_requests", counts.requests);
        } else {
            result.put("object", "organization.usage.completions.result");
            result.put("input_tokens", counts.inputTokens);
            result.put("output_tokens", counts.outputTokens);
            result.put("input_cached_tokens", counts.cachedInputTokens);
            result.put("input_audio_tokens", 0);
            result.put("output_audio_tokens", 0);
            result.put("num_model_requests", counts.requests);
        }
        result.putNull("project_id");
        result.putNull("user_id");
        result.putNull("api_key_id");
        if (model == null) {
            result.putNull("model");
        } else {
            result.put("model", model);
        }
        if (query.kind() == DemoBill.Kind.COMPLETIONS) {
            result.putNull("batch");
            result.putNull("service_tier");
        }
    }
}
