package io.creditgate.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above a limit with 413 {@code body_too_large}: at once when the declared
 * {@code Content-Length} is above it, else (a chunked body) as soon as the bytes read pass it. Tomcat bounds only
 * form posts, so without this a JSON body of any size would be read into memory by Jackson. The console's relay
 * already refuses more than 1 MiB (the same default); this bounds callers that reach a service directly.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

    static final String CODE = "body_too_large";

    private final long maxBytes;

    public RequestBodyLimit(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("creditgate.web.max-request-body-bytes must be at least 1, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            ApiErrors.write(response, HttpStatus.PAYLOAD_TOO_LARGE.value(), CODE, message(maxBytes));
            return;
        }
        chain.doFilter(new Bounded(request, maxBytes), response);
    }

    static String message(long maxBytes) {
        return "The request body is above " + maxBytes + " bytes.";
    }

    /** Thrown by the bounded stream; {@link ApiErrors} answers it with 413 wherever it surfaces wrapped. */
    public static final class TooLargeException extends IOException {
        private final long maxBytes;

        TooLargeException(long maxBytes) {
            super(message(maxBytes));
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    private static final class Bounded extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        Counting(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int bytes) throws TooLargeException {
            read += bytes;
            if (read > maxBytes) {
                throw new TooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
