package io.creditgate.payment.pack;

import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** The configured packs, checked at start: a pack that could never be sold correctly stops the service. */
@Component
@EnableConfigurationProperties(PackProperties.class)
class ConfiguredPacks implements PackCatalog {

    private final List<Pack> packs;

    ConfiguredPacks(PackProperties properties) {
        Set<String> ids = new HashSet<>();
        for (Pack pack : properties.packs()) {
            String where = "creditgate.payment.packs '" + pack.id() + "'";
            if (pack.id() == null || !pack.id().matches("[a-z0-9][a-z0-9_-]{0,63}")) {
                throw new IllegalStateException(where + ": the id must be 1 to 64 lower-case letters, digits, - or _");
            }
            if (!ids.add(pack.id())) {
                throw new IllegalStateException(where + " is configured twice");
            }
            if (pack.name() == null || pack.name().isBlank()) {
                throw new IllegalStateException(where + ": a name is required");
            }
            if (pack.credits() <= 0 || pack.priceMinor() <= 0) {
                throw new IllegalStateException(where + ": credits and price-minor must be above zero");
            }
            if (pack.currency() == null || !pack.currency().equals(pack.currency().toLowerCase(Locale.ROOT))
                    || !isIsoCurrency(pack.currency())) {
                throw new IllegalStateException(where + ": currency must be an ISO 4217 code in lower case (usd, brl)");
            }
        }
        this.packs = properties.packs();
    }

    private static boolean isIsoCurrency(String code) {
        try {
            Currency.getInstance(code.toUpperCase(Locale.ROOT));
            return code.length() == 3;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public List<Pack> packs() {
        return packs;
    }

    @Override
    public Optional<Pack> find(String packId) {
        return packs.stream().filter(pack -> pack.id().equals(packId)).findFirst();
    }
}
