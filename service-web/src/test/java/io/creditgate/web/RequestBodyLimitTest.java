package io.creditgate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestBodyLimitTest {

    private final RequestBodyLimit limit = new RequestBodyLimit(10);

    @Test
    void refusesADeclaredLengthAboveTheLimitBeforeTheChain() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/anything");
        request.setContent(new byte[11]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<ServletRequest> reached = new AtomicReference<>();
        limit.doFilter(request, response, (req, res) -> reached.set(req));

        assertThat(reached.get()).isNull();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/json");
        assertThat(response.getContentAsString())
                .isEqualTo("{\"error\":{\"message\":\"The request body is above 10 bytes.\",\"code\":\"body_too_large\"}}");
    }

    @Test
    void stopsAnUndeclaredBodyAsSoonAsItPassesTheLimit() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/anything") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent(new byte[64]);
        FilterChain reader = (req, res) -> req.getInputStream().readAllBytes();
        assertThatThrownBy(() -> limit.doFilter(request, new MockHttpServletResponse(), reader))
                .isInstanceOf(RequestBodyLimit.TooLargeException.class);
    }

    @Test
    void passesABodyWithinTheLimitWhole() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/anything");
        request.setContent("0123456789".getBytes());
        AtomicReference<byte[]> read = new AtomicReference<>();
        limit.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            try {
                read.set(req.getInputStream().readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(read.get()).hasSize(10);
    }

    @Test
    void refusesANonsensicalSetting() {
        assertThatThrownBy(() -> new RequestBodyLimit(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
