package io.creditgate.alert.notification;

import java.time.Clock;
import java.util.List;

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

    /** @param read always true: the notification is read now */
    record MarkedRead(long id, boolean read) {
    }

    /** @param marked how many notifications were unread and are read now */
    record MarkedAllRead(int marked) {
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
    MarkedRead markRead(@PathVariable long id, @RequestParam String userId) {
        if (!notifications.markRead(UserIdParameter.require(userId).value(), id, clock.instant())) {
            throw ApiException.notFound("user '" + userId + "' has no notification " + id);
        }
        return new MarkedRead(id, true);
    }

    @PostMapping("/api/notifications/read-all")
    MarkedAllRead markAllRead(@RequestParam String userId) {
        return new MarkedAllRead(notifications.markAllRead(UserIdParameter.require(userId).value(), clock.instant()));
    }
}
