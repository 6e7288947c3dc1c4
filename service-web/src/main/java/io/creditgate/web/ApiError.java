package io.creditgate.web;

/** The error body of every refused request: {@code {"error":{"message":..,"code":..}}}. */
public record ApiError(Detail error) {

    public record Detail(String message, String code) {
    }

    public static ApiError of(String message, String code) {
        return new ApiError(new Detail(message, code));
    }
}
