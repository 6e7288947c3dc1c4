package io.creditgate.payment.pack;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code creditgate.payment.packs[n].id|name|credits|price-minor|currency}: the packs on sale, in order. */
@ConfigurationProperties("creditgate.payment")
record PackProperties(List<Pack> packs) {

    PackProperties {
        packs = packs == null ? List.of() : List.copyOf(packs);
    }
}
