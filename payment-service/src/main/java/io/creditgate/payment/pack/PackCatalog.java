package io.creditgate.payment.pack;

import java.util.List;
import java.util.Optional;

/** The packs on sale, from configuration ({@code creditgate.payment.packs}), in their configured order. */
public interface PackCatalog {

    List<Pack> packs();

    Optional<Pack> find(String packId);
}
