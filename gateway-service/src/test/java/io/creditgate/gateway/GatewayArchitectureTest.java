package io.creditgate.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The gateway's package boundaries (package by feature): no cycles between features; the call path's identity
 * composes the credentials ({@code keys}, {@code jwt}) and neither of them knows it; Spring Security's filter
 * chain lives in {@code security} alone and nothing on the {@code /v1} path reaches into it.
 */
class GatewayArchitectureTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.creditgate.gateway");

    @Test
    void featuresAreFreeOfCycles() {
        slices().matching("io.creditgate.gateway.(*)..").should().beFreeOfCycles().check(GATEWAY);
    }

    @Test
    void credentialsDoNotKnowTheIdentityThatComposesThem() {
        noClasses().that().resideInAnyPackage("io.creditgate.gateway.keys..", "io.creditgate.gateway.jwt..")
                .should().dependOnClassesThat().resideInAPackage("io.creditgate.gateway.identity..")
                .check(GATEWAY);
        noClasses().that().resideInAPackage("io.creditgate.gateway.jwt..")
                .should().dependOnClassesThat().resideInAPackage("io.creditgate.gateway.keys..")
                .check(GATEWAY);
    }

    @Test
    void securityFilterChainStaysInTheSecurityFeatureAndOffTheChatPath() {
        noClasses().that().resideOutsideOfPackage("io.creditgate.gateway.security..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.security.config..",
                        "org.springframework.security.web..", "org.springframework.security.oauth2.server..")
                .check(GATEWAY);
        noClasses().that().resideInAnyPackage("io.creditgate.gateway.identity..", "io.creditgate.gateway.jwt..",
                        "io.creditgate.gateway.metered..", "io.creditgate.gateway.admission..",
                        "io.creditgate.gateway.limits..", "io.creditgate.gateway.models..")
                .should().dependOnClassesThat().resideInAPackage("io.creditgate.gateway.security..")
                .check(GATEWAY);
        noClasses().that().resideInAPackage("io.creditgate.gateway.security..")
                .should().dependOnClassesThat().resideInAnyPackage("io.creditgate.gateway.keys..",
                        "io.creditgate.gateway.identity..", "io.creditgate.gateway.jwt..", "io.creditgate.gateway.metered..")
                .check(GATEWAY);
    }
}
