package io.creditgate.console.signingkey;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.creditgate.console.audit.AccessAudit;
import io.creditgate.console.web.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/signing-keys}: admin lists the published key ids and rotates. */
@RestController
class SigningKeyController {

    private final SigningKeys keys;
    private final AccessAudit audit;

    SigningKeyController(SigningKeys keys, AccessAudit audit) {
        this.keys = keys;
        this.audit = audit;
    }

    record KeyView(String kid, String use) {
    }

    @GetMapping("/api/signing-keys")
    List<KeyView> published() {
        List<RSAKey> published = keys.published();
        return java.util.stream.IntStream.range(0, published.size())
                .mapToObj(i -> new KeyView(published.get(i).getKeyID(), i == 0 ? "current" : "previous")).toList();
    }

    @PostMapping("/api/signing-keys/rotate")
    KeyView rotate(Authentication authentication, HttpServletRequest request) {
        String previous = keys.current().getKeyID();
        RSAKey next = keys.rotate();
        Actor actor = Actor.of(authentication, request);
        audit.record(actor.name(), "signing_key_rotated", next.getKeyID(), Map.of("previous", previous), actor.clientAddress());
        return new KeyView(next.getKeyID(), "current");
    }
}
