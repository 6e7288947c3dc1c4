package io.creditgate.console.web;

import jakarta.servlet.http.HttpServletRequest;

/** The client's address as the servlet container sees it (behind a proxy, set server.forward-headers-strategy). */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        return request == null ? null : request.getRemoteAddr();
    }
}
