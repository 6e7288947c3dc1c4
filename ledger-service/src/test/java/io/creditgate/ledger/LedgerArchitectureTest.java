package io.creditgate.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The ledger's feature packages and the direction of their dependencies, as they are: {@code account} (the
 * aggregate, its commands and events) at the bottom; projections, schedulers and listeners on top of it; the HTTP
 * edge ({@code admin}, {@code query}, {@code plan}, {@code replay}, {@code web}) at the top, where nothing depends
 * on it.
 */
@AnalyzeClasses(packages = "io.creditgate.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class LedgerArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices().matching("io.creditgate.ledger.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theAggregateDependsOnNoOtherFeature = noClasses().that().resideInAPackage("..ledger.account..")
            .should().dependOnClassesThat().resideInAnyPackage("..ledger.admin..", "..ledger.query..", "..ledger.plan..",
                    "..ledger.replay..", "..ledger.usage..", "..ledger.payment..", "..ledger.web..", "..ledger.hotbalance..",
                    "..ledger.journal..", "..ledger.publication..", "..ledger.expiry..", "..ledger.eventstore..",
                    "..ledger.kafka..");

    @ArchTest
    static final ArchRule nothingDependsOnTheAdminApi = noClasses().that().resideOutsideOfPackage("..ledger.admin..")
            .should().dependOnClassesThat().resideInAPackage("..ledger.admin..");

    @ArchTest
    static final ArchRule nothingDependsOnTheWebPackage = noClasses().that().resideOutsideOfPackage("..ledger.web..")
            .should().dependOnClassesThat().resideInAPackage("..ledger.web..");

    /** Authentication and HTTP errors belong to the edge; the domain and the Kafka side never see a caller. */
    @ArchTest
    static final ArchRule onlyTheEdgeUsesTheServiceWebPlumbing = noClasses().that().resideInAnyPackage(
                    "..ledger.account..", "..ledger.usage..", "..ledger.payment..", "..ledger.hotbalance..",
                    "..ledger.journal..", "..ledger.publication..", "..ledger.expiry..", "..ledger.eventstore..",
                    "..ledger.kafka..")
            .should().dependOnClassesThat().resideInAPackage("io.creditgate.web..");
}
