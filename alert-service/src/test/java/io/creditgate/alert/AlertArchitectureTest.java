package io.creditgate.alert;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The alert service's feature packages: {@code detection} (Kafka Streams) stands alone, {@code delivery} uses
 * {@code contact} and {@code notification}, and nothing points back (the contact ⇄ delivery cycle is broken).
 */
@AnalyzeClasses(packages = "io.creditgate.alert", importOptions = ImportOption.DoNotIncludeTests.class)
class AlertArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices().matching("io.creditgate.alert.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule contactDoesNotKnowDelivery = noClasses().that().resideInAPackage("..alert.contact..")
            .should().dependOnClassesThat().resideInAnyPackage("..alert.delivery..", "..alert.notification..");

    @ArchTest
    static final ArchRule notificationsDoNotKnowDelivery = noClasses().that().resideInAPackage("..alert.notification..")
            .should().dependOnClassesThat().resideInAnyPackage("..alert.delivery..", "..alert.contact..");

    @ArchTest
    static final ArchRule detectionIsOnlyStreams = noClasses().that().resideInAPackage("..alert.detection..")
            .should().dependOnClassesThat().resideInAnyPackage("..alert.delivery..", "..alert.contact..",
                    "..alert.notification..", "io.creditgate.web..");

    @ArchTest
    static final ArchRule nothingDependsOnTheWebPackage = noClasses().that().resideOutsideOfPackage("..alert.web..")
            .should().dependOnClassesThat().resideInAPackage("..alert.web..");
}
