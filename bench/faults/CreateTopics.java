import io.creditgate.platform.embedded.LocalKafka;

/**
 * Creates every Creditgate topic (6 partitions, kept forever) on the broker {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}
 * names, as the platform does ({@link LocalKafka#start()} with an external cluster only creates the topics).
 */
public final class CreateTopics {

    public static void main(String[] args) {
        LocalKafka kafka = LocalKafka.start();
        System.out.println("topics ready on " + kafka.bootstrapServers());
        kafka.close();
    }
}
