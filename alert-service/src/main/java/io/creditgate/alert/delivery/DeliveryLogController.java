package io.creditgate.alert.delivery;

import java.util.List;

import io.creditgate.web.ApiException;
import io.creditgate.web.UserIdParameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/deliveries?userId=…} or {@code ?alertEventId=…}: every delivery and its attempts. */
@RestController
class DeliveryLogController {

    private static final int MAX_LIMIT = 500;

    private final DeliveryLog deliveries;

    DeliveryLogController(DeliveryLog deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/api/admin/deliveries")
    List<DeliveryLog.DeliveryView> list(@RequestParam(required = false) String userId,
                                        @RequestParam(required = false) String alertEventId,
                                        @RequestParam(defaultValue = "100") int limit) {
        if ((userId == null) == (alertEventId == null)) {
            throw ApiException.badRequest("give exactly one of userId and alertEventId");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be 1.." + MAX_LIMIT);
        }
        if (alertEventId != null) {
            return deliveries.ofAlert(alertEventId);
        }
        return deliveries.ofUser(UserIdParameter.require(userId).value(), limit);
    }
}
