-- KEYS[3] cg:{<userId>}:pending-total (the sum of the pending hash), lowered by what is released
-- Drop the reservation of a call that never reached the upstream (nothing to charge, no event).
-- KEYS[1] cg:{<userId>}:pending, KEYS[2] cg:{<userId>}:pending-at
-- ARGV[1] eventId
-- Returns 1 when there was a reservation.
redis.call('ZREM', KEYS[2], ARGV[1])
local credits = redis.call('HGET', KEYS[1], ARGV[1])
if not credits then
  return 0
end
redis.call('DECRBY', KEYS[3], credits)
return redis.call('HDEL', KEYS[1], ARGV[1])
