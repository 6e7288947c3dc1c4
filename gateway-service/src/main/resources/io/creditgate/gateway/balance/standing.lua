-- A user's standing, read for the X-Creditgate-* headers (the admission contract in docs/architecture.md).
-- KEYS[1] cg:{<userId>}:account  hash written by the ledger: balance, cycleCredits, spentCycleCredits, ...
-- KEYS[2] cg:{<userId>}:pending-total  the sum of the pending hash (calls in flight, or charged but not yet folded)
-- ARGV[1] starting credits, the balance (and the cycle's credits) of a user the ledger has not seen yet
-- Returns {balance, pending, cycleCredits, spentCycleCredits}; the last two are -1 when the ledger wrote none.
local account = redis.call('HMGET', KEYS[1], 'balance', 'cycleCredits', 'spentCycleCredits')
local balance, cycle, spent
if account[1] then
  balance = tonumber(account[1])
  cycle = tonumber(account[2] or '-1')
  spent = tonumber(account[3] or '-1')
else
  balance = tonumber(ARGV[1])
  cycle = tonumber(ARGV[1])
  spent = 0
end
local pending = tonumber(redis.call('GET', KEYS[2]) or '0')
return {balance, pending, cycle, spent}
