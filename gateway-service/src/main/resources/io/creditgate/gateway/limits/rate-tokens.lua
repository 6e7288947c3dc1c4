-- Counts the tokens a finished call used against the user's tokens-per-minute bucket (see rate-limit.lua).
-- KEYS[1] cg:{<userId>}:rate:tokens
-- ARGV[1] tokens used (prompt and output, as charged)  ARGV[2] tokens per minute
-- Returns the milliseconds the bucket now takes to drain.
local window = 60000
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local emptyAt = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now) + tonumber(ARGV[1]) * window / tonumber(ARGV[2])
local drainMillis = math.ceil(emptyAt - now)
if drainMillis > 0 then
  redis.call('SET', KEYS[1], string.format('%d', math.ceil(emptyAt)), 'PX', drainMillis)
end
return drainMillis
