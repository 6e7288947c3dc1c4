-- Replace a call's reservation by its real cost, before its UsageRecorded is published. The entry stays
-- pending until the ledger folds the event and deletes it, so the cost counts against the balance in between.
-- KEYS[1] cg:{<userId>}:pending
-- ARGV[1] eventId, ARGV[2] cost in credits
-- Returns the reservation that was replaced, or -1 when there was none.
local reserved = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if reserved then
  return tonumber(reserved)
end
return -1
