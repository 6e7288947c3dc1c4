-- Check and reserve, atomically (the admission contract in docs/architecture.md).
-- KEYS[1] cg:{<userId>}:account     hash written by the ledger: balance, version, status, ...
-- KEYS[2] cg:{<userId>}:pending     hash eventId -> credits (calls in flight, or charged but not yet folded)
-- KEYS[3] cg:{<userId>}:pending-at  sorted set eventId -> creation time (ms, Redis clock) of each reservation
--                                   still in flight; settled costs are not in it and never expire
-- KEYS[4] cg:{<userId>}:pending-total  the sum of the pending hash's values, kept by every script that changes
--                                   the hash, so that admission is O(1) however many entries are pending
-- ARGV[1] eventId of the call
-- ARGV[2] credits requested (estimated prompt cost + output limit x output price)
-- ARGV[3] starting credits, the balance of a user the ledger has not seen yet
-- ARGV[4] reservation time to live in ms: an older reservation is the leftover of a gateway that died mid-call
-- ARGV[5] at most this many expired reservations are released by one call (bounds the script's run time)
-- Returns {reserved, released, balance, pending, cycleCredits, spentCycleCredits, accountKnown}: the credits reserved,
-- min(requested, available), -1 when available <= 0, or -2 when an admin blocked the user (status BLOCKED);
-- how many expired reservations were released first; and the user's standing after the reservation, for the
-- X-Creditgate-* headers: the balance (the starting credits for a user the ledger has not seen), the pending
-- total (this reservation included), and the cycle's credits and their folded use (-1 when the ledger wrote none);
-- accountKnown is 1 when the ledger's account hash exists, 0 when the user is new to the ledger (or Redis lost it).
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[4]), 'LIMIT', 0, tonumber(ARGV[5]))
for _, eventId in ipairs(expired) do
  local credits = redis.call('HGET', KEYS[2], eventId)
  if credits then
    redis.call('HDEL', KEYS[2], eventId)
    redis.call('DECRBY', KEYS[4], credits)
  end
  redis.call('ZREM', KEYS[3], eventId)
end
local account = redis.call('HMGET', KEYS[1], 'status', 'balance', 'cycleCredits', 'spentCycleCredits')
local balance, cycle, spent
local known = 0
if account[2] then
  known = 1
  balance = tonumber(account[2])
  cycle = tonumber(account[3] or '-1')
  spent = tonumber(account[4] or '-1')
else
  balance = tonumber(ARGV[3])
  cycle = tonumber(ARGV[3])
  spent = 0
end
local pending = tonumber(redis.call('GET', KEYS[4]) or '0')
if account[1] == 'BLOCKED' then
  return {-2, #expired, balance, pending, cycle, spent, known}
end
local available = balance - pending
if available <= 0 then
  return {-1, #expired, balance, pending, cycle, spent, known}
end
local granted = math.min(tonumber(ARGV[2]), available)
redis.call('HSET', KEYS[2], ARGV[1], string.format('%d', granted))
redis.call('INCRBY', KEYS[4], string.format('%d', granted))
redis.call('ZADD', KEYS[3], string.format('%d', now), ARGV[1])
return {granted, #expired, balance, pending + granted, cycle, spent, known}
