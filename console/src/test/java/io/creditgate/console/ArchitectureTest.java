package io.creditgate.console;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The console's feature packages depend on each other without cycles; the shared web plumbing depends on no feature. */
@AnalyzeClasses(packages = "io.creditgate.console", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("io.creditgate.console.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule webDependsOnNoFeature = noClasses().that().resideInAPackage("io.creditgate.console.web..")
            .should().dependOnClassesThat().resideInAnyPackage("io.creditgate.console.person..", "io.creditgate.console.login..",
                    "io.creditgate.console.invitation..", "io.creditgate.console.apitoken..", "io.creditgate.console.relay..",
                    "io.creditgate.console.federation..", "io.creditgate.console.token..", "io.creditgate.console.signingkey..",
                    "io.creditgate.console.audit..");
}
