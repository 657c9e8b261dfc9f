-- After the sale committed in Postgres: the hold's seats become sold, its GA places leave the available count,
-- the hold is deleted and the change is published.
-- ARGV: holdId, channel, streamMaxLen, onlyWhileHeld (1|0), nSeats, seatId * nSeats, nGa, (sectionId, qty) * nGa
-- Seats are marked sold whatever happened to the hold (idempotent); GA places leave the count only while the hold
-- exists, so a second pass never moves them twice. onlyWhileHeld = 1 (the outbox's later pass, in case the process
-- died right after the commit) does nothing at all once the hold is gone.
-- Returns the change sequence (0 when the event's inventory is not in Redis).
--@include event-keys
--@include publish-changes
--@include user-holds

local holdId = ARGV[1]
if redis.call("EXISTS", loadedKey) == 0 then
  -- Redis lost the event: the next load copies the sale from Postgres; only the stale hold is dropped.
  redis.call("HDEL", holdsKey, holdId)
  return 0
end
local json = redis.call("HGET", holdsKey, holdId)
if ARGV[4] == "1" and not json then return 0 end
local i = 5
local nSeats = tonumber(ARGV[i]); i = i + 1
local changes = {}
for _ = 1, nSeats do
  redis.call("HSET", seatsKey, ARGV[i], "s")
  changes[#changes + 1] = { seatId = ARGV[i], status = "sold" }
  i = i + 1
end
local nGa = tonumber(ARGV[i]); i = i + 1
local hold = json and cjson.decode(json)
for _ = 1, nGa do
  local sectionId, qty = ARGV[i], tonumber(ARGV[i + 1])
  if hold then
    redis.call("HINCRBY", gaAvailableKey, sectionId, -qty)
    if hold.g[sectionId] then redis.call("HINCRBY", gaHeldKey, sectionId, -hold.g[sectionId]) end
    changes[#changes + 1] = { sectionId = sectionId, available = gaAvailableNow(sectionId) }
  end
  i = i + 2
end
if hold then
  local count = #hold.s
  for _, qty in pairs(hold.g) do count = count + qty end
  if redis.call("HINCRBY", userHeldKey, hold.u, -count) <= 0 then redis.call("HDEL", userHeldKey, hold.u) end
  redis.call("HDEL", holdsKey, holdId)
  redis.call("ZREM", expiryKey, holdId)
  removeUserHold(hold.u, holdId)
end
if #changes == 0 then return 0 end
return publishChanges(changes, ARGV[2], tonumber(ARGV[3]))
