package io.creditgate.console.web;

/** The error body of every console API, the same shape as the services': {@code {"error":{"message":..,"code":..}}}. */
public record ApiError(Detail error) {

    public record Detail(String message, String code) {
    }

    public static ApiError of(String code, String message) {
        return new ApiError(new Detail(message, code));
    }
}
