-- Check and reserve, atomically (the admission contract in docs/architecture.md).
-- KEYS[1] cg:{<userId>}:account  hash written by the ledger: balance, version, status
-- KEYS[2] cg:{<userId>}:pending  hash eventId -> credits (calls in flight, or charged but not yet folded)
-- ARGV[1] eventId of the call
-- ARGV[2] credits requested (estimated prompt cost + output limit x output price)
-- ARGV[3] starting credits, the balance of a user the ledger has not seen yet
-- Returns the credits reserved, min(requested, available), or -1 when available <= 0.
local balance = tonumber(redis.call('HGET', KEYS[1], 'balance') or ARGV[3])
local pending = 0
for _, credits in ipairs(redis.call('HVALS', KEYS[2])) do
  pending = pending + tonumber(credits)
end
local available = balance - pending
if available <= 0 then
  return -1
end
local granted = math.min(tonumber(ARGV[2]), available)
redis.call('HSET', KEYS[2], ARGV[1], string.format('%d', granted))
return granted
