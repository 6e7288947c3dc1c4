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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.creditgate.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The embedded servers are real: each is reached over its own wire protocol on a free port. */
class LocalInfrastructureTest {

    @Test
    void kafkasClientPortLiesBelowTheEphemeralRangeSoNoPortZeroBindCanTakeIt() throws Exception {
        for (int i = 0; i < 20; i++) {
            int port = LocalKafka.clientPort();
            assertThat(port).isBetween(LocalKafka.CLIENT_PORT_MIN, LocalKafka.CLIENT_PORT_MAX).isLessThan(32_768);
            try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
                socket.bind(new java.net.InetSocketAddress("localhost", port));
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

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

    @Test
    void kafkaComesBackOnTheSamePortWithItsEventsAfterARestart() throws Exception {
        try (LocalKafka kafka = LocalKafka.start()) {
            String topic = Topics.USAGE_EVENTS.name();
            Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "user", "before")).get();
                kafka.stop();
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "user", "while down")).get())
                        .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
                kafka.restart();
                producer.send(new ProducerRecord<>(topic, "user", "after")).get(30, TimeUnit.SECONDS);
            }
            assertThat(valuesOf(kafka, topic)).containsExactly("before", "after");
        }
    }

    private static List<String> valuesOf(LocalKafka kafka, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (values.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
            return values;
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
