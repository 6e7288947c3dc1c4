package io.creditgate.alert.notification;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.creditgate.web.ApiException;
import io.creditgate.web.UserIdParameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard's in-app notifications: list them, mark one or all as read. */
@RestController
class NotificationController {

    private static final int MAX_LIMIT = 200;

    private final Notifications notifications;
    private final Clock clock;

    NotificationController(Notifications notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    record NotificationPage(List<Notification> notifications, long unread) {
    }

    @GetMapping("/api/notifications")
    NotificationPage list(@RequestParam String userId, @RequestParam(defaultValue = "false") boolean unreadOnly,
                          @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be 1.." + MAX_LIMIT);
        }
        String user = UserIdParameter.require(userId).value();
        return new NotificationPage(notifications.of(user, unreadOnly, limit), notifications.unread(user));
    }

    @PostMapping("/api/notifications/{id}/read")
    Map<String, Object> markRead(@PathVariable long id, @RequestParam String userId) {
        if (!notifications.markRead(UserIdParameter.require(userId).value(), id, clock.instant())) {
            throw ApiException.notFound("user '" + userId + "' has no notification " + id);
        }
        return Map.of("id", id, "read", true);
    }

    @PostMapping("/api/notifications/read-all")
    Map<String, Object> markAllRead(@RequestParam String userId) {
        return Map.of("marked", notifications.markAllRead(UserIdParameter.require(userId).value(), clock.instant()));
    }
}
