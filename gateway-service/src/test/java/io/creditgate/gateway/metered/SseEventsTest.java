package io.creditgate.gateway.metered;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseEventsTest {

    private final SseEvents events = new SseEvents(1024);

    @Test
    void releasesEachEventAsSoonAsItsBlankLineArrives() {
        assertThat(feed("data: {\"a\":1}\n\ndata: {\"b\"")).containsExactly("data: {\"a\":1}\n\n");
        assertThat(feed(":2}\n\n")).containsExactly("data: {\"b\":2}\n\n");
    }

    @Test
    void findsADelimiterSplitAcrossReads() {
        assertThat(feed("data: x\r\n\r")).isEmpty();
        assertThat(feed("\ndata: y\n")).containsExactly("data: x\r\n\r\n");
        assertThat(feed("\n")).containsExactly("data: y\n\n");
    }

    @Test
    void keepsEveryByteInOrder() {
        String stream = "data: one\n\n: comment\n\ndata: two\r\n\r\ndata: [DONE]\n\n";
        List<String> out = new ArrayList<>();
        for (char c : stream.toCharArray()) {
            out.addAll(feed(String.valueOf(c)));
        }
        assertThat(String.join("", out)).isEqualTo(stream);
        assertThat(out).hasSize(4);
    }

    @Test
    void handsBackAnUnfinishedLastEvent() {
        feed("data: done\n\ndata: cut");

        assertThat(new String(events.remainder(), StandardCharsets.UTF_8)).isEqualTo("data: cut");
    }

    @Test
    void refusesAnEventLongerThanTheLimit() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> feed("data: " + "x".repeat(2000)))
                .isInstanceOf(IllegalStateException.class);
    }

    private List<String> feed(String text) {
        return events.feed(text.getBytes(StandardCharsets.UTF_8)).stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }
}
