-- KEYS[3] cg:{<userId>}:pending-total (the sum of the pending hash), lowered by what is released
-- Release one user's expired reservations: the leftovers of a gateway that died mid-call (the sweeper runs
-- this for users who make no call; a user's own next call does the same inside reserve.lua).
-- KEYS[1] cg:{<userId>}:pending, KEYS[2] cg:{<userId>}:pending-at
-- ARGV[1] reservation time to live in ms, ARGV[2] at most this many are released by one run
-- Returns {released, still outstanding}.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[1]), 'LIMIT', 0, tonumber(ARGV[2]))
for _, eventId in ipairs(expired) do
  local credits = redis.call('HGET', KEYS[1], eventId)
  if credits then
    redis.call('HDEL', KEYS[1], eventId)
    redis.call('DECRBY', KEYS[3], credits)
  end
  redis.call('ZREM', KEYS[2], eventId)
end
return {#expired, redis.call('ZCARD', KEYS[2])}
