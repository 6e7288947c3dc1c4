-- Adds a finished call's cost to its virtual key's spend. Only to a hash that holds a key: after a Redis restart
-- the hash is missing until the next projection, and a bare counter would then block the projection from
-- restoring the key. Returns the new spend, or -1 when the key is not in Redis (the caller saves it in PostgreSQL).
-- KEYS[1] = cg:key:<sha256>; ARGV[1] = credits
if redis.call('HEXISTS', KEYS[1], 'userId') == 1 then
  return redis.call('HINCRBY', KEYS[1], 'spent', ARGV[1])
end
return -1
