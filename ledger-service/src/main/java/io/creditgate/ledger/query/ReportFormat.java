package io.creditgate.ledger.query;

import io.creditgate.web.ApiException;

/** JSON (the default) or CSV, by {@code ?format=} or, without it, by an {@code Accept} header naming only text/csv. */
public enum ReportFormat {
    JSON, CSV;

    public static ReportFormat of(String format, String accept) {
        if (format == null || format.isBlank()) {
            return accept != null && accept.contains(Csv.MEDIA_TYPE) && !accept.contains("json") ? CSV : JSON;
        }
        return switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "json" -> JSON;
            case "csv" -> CSV;
            default -> throw ApiException.badRequest("format must be json or csv, was '" + format + "'");
        };
    }
}
