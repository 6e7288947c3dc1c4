package io.creditgate.platform;

import java.nio.file.Path;

import io.creditgate.console.Browser;

/**
 * What a test outside this package may know of the running {@link TestPlatform} (classes annotated
 * {@link OnTestPlatform}): addresses, the test credentials, the services' logs and a signed-in admin.
 */
public final class RunningPlatform {

    public static final String SERVICE_KEY = TestPlatform.SERVICE_KEY;
    public static final String ADMIN_KEY = TestPlatform.ADMIN_KEY;
    public static final String ADMIN_EMAIL = TestPlatform.ADMIN_EMAIL;
    public static final long STARTING_CREDITS = TestPlatform.STARTING_CREDITS;

    private RunningPlatform() {
    }

    public static String gatewayUrl() {
        return TestPlatform.platform().gatewayUrl();
    }

    public static String ledgerUrl() {
        return TestPlatform.platform().ledgerUrl();
    }

    public static String alertUrl() {
        return TestPlatform.platform().alertUrl();
    }

    public static String paymentUrl() {
        return TestPlatform.platform().paymentUrl();
    }

    /** The console as browsers and token issuers name it ({@code localhost}). */
    public static String consoleUrl() {
        return TestPlatform.platform().consoleUrl();
    }

    /** Where each service writes its output, one {@code <service>.log} each. */
    public static Path logsDirectory() {
        return TestPlatform.platform().logsDirectory();
    }

    /** The console's own database (people, API tokens, signing keys, the access audit). */
    public static String consoleJdbcUrl() {
        return TestPlatform.platform().postgres().createDatabase("creditgate_console");
    }

    public static String postgresUser() {
        return TestPlatform.platform().postgres().username();
    }

    public static String postgresPassword() {
        return TestPlatform.platform().postgres().password();
    }

    /** The first admin, signed in at the console. */
    public static Browser signedInAdmin() {
        return PlatformPeople.signedInAdmin(TestPlatform.platform());
    }
}
