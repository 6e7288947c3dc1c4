package io.creditgate.alert.delivery;

/**
 * What one attempt achieved.
 *
 * @param accepted the receiver took the message
 * @param retryable a failure that proves nothing was accepted (connection refused, 5xx, SMTP unavailable)
 * @param detail the receiver's answer or the error, for the log
 */
record SendResult(boolean accepted, boolean retryable, String detail) {

    static SendResult accepted(String detail) {
        return new SendResult(true, false, detail);
    }

    static SendResult retry(String detail) {
        return new SendResult(false, true, detail);
    }

    static SendResult refused(String detail) {
        return new SendResult(false, false, detail);
    }
}
