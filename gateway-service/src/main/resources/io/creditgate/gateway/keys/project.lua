-- Projects one virtual key from PostgreSQL into its Redis hash cg:key:<sha256>, without ever undoing a
-- revocation that raced with the projection: a revoked key is written as a tombstone unconditionally; an active
-- one only when its hash is missing (a Redis restart lost it). The spend kept is the larger of Redis's live
-- counter and PostgreSQL's saved one. Returns that spend, for PostgreSQL to save.
-- KEYS[1] = cg:key:<sha256>; ARGV = id, userId, budget ('' = none), spent (PostgreSQL), revokedAt ('' = active)
local key = KEYS[1]
local stored = tonumber(ARGV[4])
if ARGV[5] ~= '' then
  redis.call('HSET', key, 'id', ARGV[1], 'userId', ARGV[2], 'revokedAt', ARGV[5])
elseif redis.call('HEXISTS', key, 'userId') == 0 then
  redis.call('HSET', key, 'id', ARGV[1], 'userId', ARGV[2])
end
if ARGV[3] ~= '' then
  redis.call('HSET', key, 'budget', ARGV[3])
end
local live = tonumber(redis.call('HGET', key, 'spent') or '0')
if stored > live then
  redis.call('HSET', key, 'spent', ARGV[4])
  return stored
end
return live
