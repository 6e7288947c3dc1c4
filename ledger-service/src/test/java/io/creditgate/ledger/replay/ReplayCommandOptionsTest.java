package io.creditgate.ledger.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The command line of {@code replay --verify}: what it accepts and the clear refusals; a bad one exits 2 before Spring starts. */
class ReplayCommandOptionsTest {

    @Test
    void verifyWithAReportPathAndSpringPropertiesPassingThrough() {
        ReplayCommand.Options options = ReplayCommand.Options.parse(new String[] {"replay", "--verify",
                "--report=/tmp/r.json", "--spring.datasource.url=jdbc:postgresql://db/ledger"});
        assertThat(options.report()).isEqualTo(Path.of("/tmp/r.json"));
        assertThat(options.springArgs()).containsExactly("--spring.datasource.url=jdbc:postgresql://db/ledger");
        assertThat(ReplayCommand.Options.parse(new String[] {"replay", "--verify"}).report()).isNull();
        assertThat(ReplayCommand.Options.parse(new String[] {"replay", "--verify"}).source()).isNull();
        assertThat(ReplayCommand.Options.parse(new String[] {"replay", "--verify", "--source=event-store"}).source())
                .isEqualTo(ReplayProperties.Source.EVENT_STORE);
        assertThat(ReplayCommand.Options.parse(new String[] {"replay", "--verify", "--source=JOURNAL_TOPIC"}).source())
                .isEqualTo(ReplayProperties.Source.JOURNAL_TOPIC);
    }

    @Test
    void withoutVerifyOrWithAnUnknownArgumentItRefusesClearly() {
        assertThatThrownBy(() -> ReplayCommand.Options.parse(new String[] {"replay"})).hasMessageContaining("--verify");
        assertThatThrownBy(() -> ReplayCommand.Options.parse(new String[] {"replay", "--verify", "--fix"}))
                .hasMessageContaining("unknown argument: --fix");
        assertThatThrownBy(() -> ReplayCommand.Options.parse(new String[] {"replay", "--verify", "--report="}))
                .hasMessageContaining("--report needs a path");
        assertThatThrownBy(() -> ReplayCommand.Options.parse(new String[] {"replay", "--verify", "--source=kafka"}))
                .hasMessageContaining("journal-topic or event-store").hasMessageContaining("kafka");
        assertThat(ReplayCommand.run(Object.class, new String[] {"replay", "--bogus"})).isEqualTo(2);
    }
}
