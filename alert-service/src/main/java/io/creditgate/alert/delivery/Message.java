package io.creditgate.alert.delivery;

/** A rendered message: the subject (email subject, notification title) and the plain-text body. */
record Message(String subject, String body) {
}
