-- Marks a fan's hold as checking out, so it cannot expire or be released while payment runs; its expiry moves
-- to expiresAt + grace so the sweeper frees it if the checkout process dies.
-- ARGV: holdId, userId, nowMs, graceMs, takeOver (1|0)
-- takeOver = 1: the fan's earlier checkout of this hold died (its idempotency key was taken over), so a hold
-- already checking out is this fan's to pay for now, even past its own expiry while the grace lasts.
-- Returns {"OK", holdJson} | {"HOLD_NOT_FOUND"} | {"HOLD_EXPIRED"} | {"CHECKING_OUT", holdJson}
--@include event-keys

local holdId, userId = ARGV[1], ARGV[2]
local now, grace = tonumber(ARGV[3]), tonumber(ARGV[4])
local json = redis.call("HGET", holdsKey, holdId)
if not json then return { "HOLD_NOT_FOUND" } end
local hold = cjson.decode(json)
if hold.u ~= userId then return { "HOLD_NOT_FOUND" } end
if hold.st == "checkout" then
  if ARGV[5] == "1" then return { "OK", json } end
  return { "CHECKING_OUT", json }
end
if hold.e <= now then return { "HOLD_EXPIRED" } end
hold.st = "checkout"
local updated = cjson.encode(hold)
redis.call("HSET", holdsKey, holdId, updated)
redis.call("ZADD", expiryKey, hold.e + grace, holdId)
return { "OK", updated }
