-- After a refund committed in Postgres: the order's seats and GA places go back on sale, its tickets leave the
-- fan's bought count (once, see bought.lua) and every map hears it.
-- The order's accepted transfers are undone in the counts first (see unmoveBought in bought.lua).
-- ARGV: channel, streamMaxLen, orderId, userId, nSeats, seatId * nSeats, nGa, (sectionId, qty) * nGa,
--       nTransfers, (transferId, fromUserId, toUserId) * nTransfers
-- Returns the change sequence (0 when the event's inventory is not in Redis: the next load reads Postgres).
--@include event-keys
--@include publish-changes
--@include bought

if redis.call("EXISTS", loadedKey) == 0 then return 0 end
local i = 5
local nSeats = tonumber(ARGV[i]); i = i + 1
local changes = {}
for _ = 1, nSeats do
  if redis.call("HGET", seatsKey, ARGV[i]) == "s" then redis.call("HDEL", seatsKey, ARGV[i]) end
  changes[#changes + 1] = { seatId = ARGV[i], status = "available" }
  i = i + 1
end
local nGa = tonumber(ARGV[i]); i = i + 1
for _ = 1, nGa do
  redis.call("HINCRBY", gaAvailableKey, ARGV[i], tonumber(ARGV[i + 1]))
  changes[#changes + 1] = { sectionId = ARGV[i], available = gaAvailableNow(ARGV[i]) }
  i = i + 2
end
local nTransfers = tonumber(ARGV[i]); i = i + 1
for _ = 1, nTransfers do
  unmoveBought(ARGV[i], ARGV[i + 1], ARGV[i + 2])
  i = i + 3
end
-- After the transfers are undone, so the buyer's count holds the whole order again before it goes.
uncountBought(ARGV[3], ARGV[4])
if #changes == 0 then return 0 end
return publishChanges(changes, ARGV[1], tonumber(ARGV[2]))
