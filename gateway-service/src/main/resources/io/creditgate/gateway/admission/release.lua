-- Drop the reservation of a call that never reached the upstream (nothing to charge, no event).
-- KEYS[1] cg:{<userId>}:pending, KEYS[2] cg:{<userId>}:pending-at
-- ARGV[1] eventId
-- Returns 1 when there was a reservation.
redis.call('ZREM', KEYS[2], ARGV[1])
return redis.call('HDEL', KEYS[1], ARGV[1])
