package io.creditgate.payment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The payment service's feature packages: the plumbing ({@code outbox}, {@code stripe}, {@code pack}, {@code notice})
 * knows no feature; features ({@code checkout}, {@code purchase}, {@code refund}, {@code dispute}, {@code manual},
 * {@code topup}, {@code subscription}, {@code customer}) use it and each other without cycles; only the outbox talks to
 * Kafka's producer.
 */
@AnalyzeClasses(packages = "io.creditgate.payment", importOptions = ImportOption.DoNotIncludeTests.class)
class PaymentArchitectureTest {

    private static final String[] FEATURES = {"..payment.checkout..", "..payment.purchase..", "..payment.refund..",
            "..payment.dispute..", "..payment.manual..", "..payment.topup..", "..payment.subscription..", "..payment.customer.."};

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices().matching("io.creditgate.payment.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule plumbingKnowsNoFeature = noClasses()
            .that().resideInAnyPackage("..payment.outbox..", "..payment.stripe..", "..payment.pack..", "..payment.notice..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES);

    @ArchTest
    static final ArchRule onlyTheOutboxProducesToKafka = noClasses().that().resideOutsideOfPackage("..payment.outbox..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.kafka.clients.producer..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.core.ProducerFactory");
}
