-- Replace a call's reservation by its real cost, before its UsageRecorded is published. The entry stays
-- pending until the ledger folds the event and deletes it, so the cost counts against the balance in between;
-- it is no longer a reservation in flight, so it leaves pending-at and never expires (stricter, never looser).
-- KEYS[1] cg:{<userId>}:pending, KEYS[2] cg:{<userId>}:pending-at
-- KEYS[3] cg:{<userId>}:pending-total (the sum of the pending hash)
-- ARGV[1] eventId, ARGV[2] cost in credits
-- Returns the reservation that was replaced, or -1 when there was none (admitted unchecked, or expired).
local reserved = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('INCRBY', KEYS[3], tonumber(ARGV[2]) - tonumber(reserved or '0'))
redis.call('ZREM', KEYS[2], ARGV[1])
if reserved then
  return tonumber(reserved)
end
return -1
