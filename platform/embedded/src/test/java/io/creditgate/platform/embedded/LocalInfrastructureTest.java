package io.creditgate.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Set;

import io.creditgate.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** The embedded servers are real: each is reached over its own wire protocol on a free port. */
class LocalInfrastructureTest {

    @Test
    void postgresGivesEachCallerAFreshDatabase() throws Exception {
        LocalPostgres postgres = LocalPostgres.shared();
        String first = postgres.createDatabase();
        String second = postgres.createDatabase();
        assertThat(first).isNotEqualTo(second).doesNotContain(":5432/");
        try (Connection connection = DriverManager.getConnection(first, postgres.username(), postgres.password())) {
            connection.createStatement().execute("CREATE TABLE t (id int)");
        }
        try (Connection connection = DriverManager.getConnection(second, postgres.username(), postgres.password());
             ResultSet tables = connection.getMetaData().getTables(null, "public", "t", null)) {
            assertThat(tables.next()).isFalse();
        }
    }

    @Test
    void refusesDatabaseNamesThatAreNotPlain() {
        assertThatThrownBy(() -> LocalPostgres.shared().createDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsUrlParametersWhenSwitchingDatabase() {
        assertThat(LocalPostgres.withDatabase("jdbc:postgresql://localhost:5/postgres?user=a", "cg_1"))
                .isEqualTo("jdbc:postgresql://localhost:5/cg_1?user=a");
    }

    @Test
    void redisAnswersAndComesBackAfterARestart() throws Exception {
        LocalRedis redis = LocalRedis.start();
        try {
            assertThat(redis.port()).isNotEqualTo(6379);
            assertThat(ping(redis)).isEqualTo("+PONG");
            redis.stop();
            assertThatThrownBy(() -> ping(redis)).isInstanceOf(java.io.IOException.class);
            redis.restart();
            assertThat(ping(redis)).isEqualTo("+PONG");
        } finally {
            redis.close();
        }
    }

    @Test
    void kafkaHasEveryTopicWithInfiniteRetention() throws Exception {
        LocalKafka kafka = LocalKafka.shared();
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get();
            assertThat(names).contains(Topics.USAGE_EVENTS.name(), Topics.ACCOUNT_EVENTS.name());
            ConfigResource usage = new ConfigResource(ConfigResource.Type.TOPIC, Topics.USAGE_EVENTS.name());
            ConfigEntry retention = admin.describeConfigs(Set.of(usage)).all().get().get(usage).get("retention.ms");
            assertThat(retention.value()).isEqualTo("-1");
            assertThat(admin.describeTopics(Set.of(Topics.USAGE_EVENTS.name())).allTopicNames().get()
                    .get(Topics.USAGE_EVENTS.name()).partitions()).hasSize(Topics.DEFAULT_PARTITIONS);
        }
    }

    private static String ping(LocalRedis redis) throws Exception {
        try (Socket socket = new Socket(redis.host(), redis.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
