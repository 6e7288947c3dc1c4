-- Keep one user's reservations alive while this gateway's calls run (ReservationLeases): each one still in flight
-- gets the time now (Redis's clock), so it expires only reservation-ttl after its gateway stopped renewing it -- a
-- gateway that died. A settled or released call is no longer in pending-at and is not added back (XX).
-- KEYS[1] cg:{<userId>}:pending-at
-- ARGV the eventIds of the calls this gateway still runs for the user
-- Returns how many reservations were renewed.
local time = redis.call('TIME')
local now = string.format('%d', tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000))
local renewed = 0
for _, eventId in ipairs(ARGV) do
  renewed = renewed + redis.call('ZADD', KEYS[1], 'XX', 'CH', now, eventId)
end
return renewed
