-- A fan withdraws seats they listed for resale, before the Postgres listing is closed: each seat still free here
-- becomes sold again (the fan's ticket never stopped being valid). A seat someone holds (a buyer paying for it, a
-- waiting-list offer) refuses the whole withdrawal and nothing changes.
-- KEYS: the event's hold keys, then its seats listed for resale (the withdrawn ones leave it).
-- ARGV: channel, streamMaxLen, nSeats, seatId * nSeats
-- Returns {"OK", seq} | {"HELD", seatId} | {"NOT_LOADED"} (the next load reads Postgres).
--@include event-keys
--@include publish-changes

local resaleSeatsKey = KEYS[11]

if redis.call("EXISTS", loadedKey) == 0 then return { "NOT_LOADED" } end
local nSeats = tonumber(ARGV[3])
for n = 1, nSeats do
  local mark = redis.call("HGET", seatsKey, ARGV[3 + n])
  if mark and mark ~= "s" and mark ~= "b" then return { "HELD", ARGV[3 + n] } end
end
local changes = {}
for n = 1, nSeats do
  redis.call("SREM", resaleSeatsKey, ARGV[3 + n])
  if redis.call("HGET", seatsKey, ARGV[3 + n]) ~= "s" then
    redis.call("HSET", seatsKey, ARGV[3 + n], "s")
    changes[#changes + 1] = { seatId = ARGV[3 + n], status = "sold" }
  end
end
if #changes == 0 then return { "OK", 0 } end
return { "OK", publishChanges(changes, ARGV[1], tonumber(ARGV[2])) }
