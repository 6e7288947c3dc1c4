package io.creditgate.console.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.creditgate.console.ConsoleProperties;

/** The one table of which service owns which /api path. */
class ServiceRoutesTest {

    static final ConsoleProperties.Services SERVICES = new ConsoleProperties.Services(URI.create("http://gateway"),
            URI.create("http://ledger"), URI.create("http://alert"), URI.create("http://payment"));

    final ServiceRoutes routes = new ServiceRoutes(new ConsoleProperties(URI.create("http://console"), null, null, null,
            SERVICES, null, null, null));

    @Test
    void priceReadsAndChangesGoToTheGateway() {
        assertThat(routes.serviceFor("/api/prices")).contains(URI.create("http://gateway"));
        assertThat(routes.serviceFor("/api/prices/resolve")).contains(URI.create("http://gateway"));
        assertThat(routes.serviceFor("/api/admin/price-changes")).contains(URI.create("http://gateway"));
    }

    @Test
    void eachPrefixIsAWholePathSegment() {
        assertThat(routes.serviceFor("/api/admin/price-changes-x")).isEmpty();
        assertThat(routes.serviceFor("/api/admin/accounts/alice")).contains(URI.create("http://ledger"));
        assertThat(routes.serviceFor("/api/nothing")).isEmpty();
    }
}
