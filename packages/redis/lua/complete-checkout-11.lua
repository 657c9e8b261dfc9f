-- After the sale committed in Postgres: the hold's seats become sold, its GA places leave the available count,
-- its tickets move from the fan's held count to their bought count, the hold is deleted and the change is published.
-- ARGV: holdId, orderId, userId, channel, streamMaxLen, onlyWhileHeld (1|0), nSeats, seatId * nSeats,
--       nGa, (sectionId, qty) * nGa, nResold, (listingId, sellerId) * nResold
-- Seats are marked sold whatever happened to the hold (idempotent); GA places leave the count only while the hold
-- exists, so a second pass never moves them twice. onlyWhileHeld = 1 (the outbox's later pass, in case the process
-- died right after the commit) does nothing to seats or GA once the hold is gone. The bought count is kept per
-- order (see bought.lua), so it grows once whichever pass gets here, even when the hold expired first. The resale
-- listings the sale bought leave their sellers' counts in the same step, once each.
-- KEYS: the event's hold keys, then its seats listed for resale (the sold seats leave it).
-- Returns the change sequence (0 when the event's inventory is not in Redis).
--@include event-keys
--@include publish-changes
--@include user-holds
--@include client-held
--@include bought

local resaleSeatsKey = KEYS[11]
local holdId, orderId, userId = ARGV[1], ARGV[2], ARGV[3]
local channel, maxLen = ARGV[4], tonumber(ARGV[5])
local i = 7
local seatIds = {}
for n = 1, tonumber(ARGV[i]) do seatIds[n] = ARGV[i + n] end
if #seatIds > 0 then redis.call("SREM", resaleSeatsKey, unpack(seatIds)) end
if redis.call("EXISTS", loadedKey) == 0 then
  -- Redis lost the event. A load may be under way with a read of Postgres from before this sale: the seats are
  -- marked sold here (a load only adds marks), so they can never show free once it lands. No change is published:
  -- the sequence was lost too, and watchers are told to refetch when it restarts.
  for _, seatId in ipairs(seatIds) do redis.call("HSET", seatsKey, seatId, "s") end
  redis.call("HDEL", holdsKey, holdId)
  return 0
end
i = i + #seatIds + 1
local ga = {}
for n = 1, tonumber(ARGV[i]) do ga[n] = { sectionId = ARGV[i + 2 * n - 1], qty = tonumber(ARGV[i + 2 * n]) } end
local tickets = #seatIds
for _, item in ipairs(ga) do tickets = tickets + item.qty end
i = i + 2 * #ga + 1
for n = 1, tonumber(ARGV[i] or "0") do resoldBought(ARGV[i + 2 * n - 1], ARGV[i + 2 * n]) end

local json = redis.call("HGET", holdsKey, holdId)
-- Bought grows in the same step as held shrinks below, so no moment counts these tickets as neither.
countBought(orderId, userId, tickets)
if ARGV[6] == "1" and not json then return 0 end
local changes = {}
for _, seatId in ipairs(seatIds) do
  redis.call("HSET", seatsKey, seatId, "s")
  changes[#changes + 1] = { seatId = seatId, status = "sold" }
end
local hold = json and cjson.decode(json)
if hold then
  for _, item in ipairs(ga) do
    redis.call("HINCRBY", gaAvailableKey, item.sectionId, -item.qty)
    if hold.g[item.sectionId] then redis.call("HINCRBY", gaHeldKey, item.sectionId, -hold.g[item.sectionId]) end
    changes[#changes + 1] = { sectionId = item.sectionId, available = gaAvailableNow(item.sectionId) }
  end
  local count = #hold.s
  for _, qty in pairs(hold.g) do count = count + qty end
  if redis.call("HINCRBY", userHeldKey, hold.u, -count) <= 0 then redis.call("HDEL", userHeldKey, hold.u) end
  addClientHeld(hold.ip, -count)
  redis.call("HDEL", holdsKey, holdId)
  redis.call("ZREM", expiryKey, holdId)
  removeUserHold(hold.u, holdId)
end
if #changes == 0 then return 0 end
return publishChanges(changes, channel, maxLen)
