-- Per-user rate limits, checked before a call is admitted. Both limits are token buckets kept as GCRA
-- "theoretical arrival times" (one number per bucket, the Redis clock in ms): a bucket holding a minute's
-- worth is full, and it drains continuously at limit/60 s. No window edges, so no double burst at a minute's
-- turn, and the exact time until a call fits again is known.
-- KEYS[1] cg:{<userId>}:rate:requests  KEYS[2] cg:{<userId>}:rate:tokens
-- ARGV[1] requests per minute (0: no limit)  ARGV[2] tokens per minute (0: no limit)
-- Requests: a call takes one request; it is refused when that would overflow the bucket.
-- Tokens: a call's tokens are only known when it ends (see rate-tokens.lua), so a call is refused while the
-- bucket is full and admitted otherwise; a large call may overfill it, and the user then waits it off.
-- Returns {0, 0} when admitted, else {1 (requests) or 2 (tokens), milliseconds until a call would be admitted}.
local window = 60000
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local tokensPerMinute = tonumber(ARGV[2])
if tokensPerMinute > 0 then
  local tokensFullAt = tonumber(redis.call('GET', KEYS[2]) or '0')
  if tokensFullAt - now >= window then
    return {2, math.max(1, tokensFullAt - window - now + 1)}
  end
end
local requestsPerMinute = tonumber(ARGV[1])
if requestsPerMinute > 0 then
  local interval = window / requestsPerMinute
  local emptyAt = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now) + interval
  if emptyAt - now > window then
    return {1, math.max(1, math.ceil(emptyAt - window - now))}
  end
  redis.call('SET', KEYS[1], string.format('%d', math.ceil(emptyAt)), 'PX', math.ceil(emptyAt - now))
end
return {0, 0}
