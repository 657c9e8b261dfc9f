-- Copies the event's sold and blocked inventory, the tickets each fan bought and the seats listed for resale from
-- Postgres into Redis, once.
-- A no-op when already loaded, so instances racing to load cannot overwrite newer counts with an older read.
-- ARGV: seqStart, nMarks, (seatId, "s"|"b") * nMarks, nSections, (sectionId, availableNotSoldOrBlocked) * nSections,
--       nOrders, (orderId, userId, ticketsIssuedBySale) * nOrders,
--       nTransfers, (transferId, fromUserId, toUserId, tickets) * nTransfers, nResales, (listingId, sellerId) * nResales,
--       nListed, seatId * nListed
-- KEYS: the event's hold keys, then its seats listed for resale.
-- The transfers are the accepted ones of those orders, in the order they were accepted.
-- The sequence restarts at seqStart (the load time in ms × 1000) only if it was lost, so it never goes backwards.
-- Returns 1 when it loaded, 0 when it was already loaded.
--@include event-keys
--@include bought

local resaleSeatsKey = KEYS[11]

if redis.call("EXISTS", loadedKey) == 1 then return 0 end
local i = 2
local nMarks = tonumber(ARGV[i]); i = i + 1
for _ = 1, nMarks do
  redis.call("HSET", seatsKey, ARGV[i], ARGV[i + 1])
  i = i + 2
end
local nSections = tonumber(ARGV[i]); i = i + 1
for _ = 1, nSections do
  redis.call("HSET", gaAvailableKey, ARGV[i], ARGV[i + 1])
  i = i + 2
end
redis.call("DEL", boughtKey)
local nOrders = tonumber(ARGV[i]); i = i + 1
for _ = 1, nOrders do
  countBought(ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]))
  i = i + 3
end
local nTransfers = tonumber(ARGV[i]); i = i + 1
for _ = 1, nTransfers do
  moveBought(ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3]))
  i = i + 4
end
local nResales = tonumber(ARGV[i]); i = i + 1
for _ = 1, nResales do
  resoldBought(ARGV[i], ARGV[i + 1])
  i = i + 2
end
redis.call("DEL", resaleSeatsKey)
local nListed = tonumber(ARGV[i]); i = i + 1
for _ = 1, nListed do
  redis.call("SADD", resaleSeatsKey, ARGV[i])
  i = i + 1
end
redis.call("SET", seqKey, ARGV[1], "NX")
redis.call("SET", loadedKey, "1")
return 1
