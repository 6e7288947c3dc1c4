-- Fold (ledger side of the admission contract in docs/architecture.md).
-- KEYS[1] = cg:{<userId>}:account   (hash: balance, version, status, cycleCredits, spentCycleCredits)
-- KEYS[2] = cg:{<userId>}:pending   (hash: <eventId> -> credits)
-- KEYS[3] = cg:{<userId>}:pending-total (the sum of the pending hash; lowered by what the fold deletes)
-- KEYS[4] = cg:{<userId>}:pending-at (the gateway's in-flight markers: a folded call is in flight no more)
-- ARGV[1] = balance after the event (credits), ARGV[2] = the account's version (sequence number) of the event,
-- ARGV[3] = status, ARGV[4] = eventId whose pending entry to delete ('' for none),
-- ARGV[5] = cycleCredits, ARGV[6] = spentCycleCredits (credits of the current cycle and what usage spent of it).
-- Only a newer version moves the hash, so a replayed or late fold never moves the balance back; the pending
-- entry goes in every case, because the ledger has folded that call. Returns 1 when the hash was written.
local stored = redis.call('HGET', KEYS[1], 'version')
local written = 0
if (not stored) or tonumber(ARGV[2]) > tonumber(stored) then
  redis.call('HSET', KEYS[1], 'balance', ARGV[1], 'version', ARGV[2], 'status', ARGV[3],
    'cycleCredits', ARGV[5], 'spentCycleCredits', ARGV[6])
  written = 1
end
if ARGV[4] ~= '' then
  local credits = redis.call('HGET', KEYS[2], ARGV[4])
  if credits then
    redis.call('HDEL', KEYS[2], ARGV[4])
    redis.call('DECRBY', KEYS[3], credits)
  end
  -- A gateway whose settle did not reach Redis left its marker; the ledger has charged the call, so it goes too
  -- (else it would wait for the sweeper's reservation-ttl, seen by the fault suite as a reservation left behind).
  redis.call('ZREM', KEYS[4], ARGV[4])
end
return written
