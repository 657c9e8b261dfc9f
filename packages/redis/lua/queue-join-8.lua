-- A fan joins the waiting room; idempotent (a second tab or device keeps the same place).
-- ARGV: userId, entryId (random, used only if new), nowMs, onSaleAtMs, seed
-- Before the on-sale the fan enters the pre-queue (shuffled at the start); from the on-sale on (or once the line
-- has started, whichever comes first), the back of the line in arrival order. The first join after the on-sale
-- starts the line if the admitter has not yet.
-- Returns { state, place or 0, pre-queue entryId or "", detail }: state is "pre_queue", "waiting" or "admitted"; detail is
-- the number of fans ahead (waiting) or the end of the shopping window in ms (admitted), so the caller needs no
-- second read.
--@include queue-keys
--@include queue-start

local userId, entryId, now, onSaleAt, seed = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local activeUntil = redis.call("ZSCORE", activeKey, userId)
if activeUntil and tonumber(activeUntil) > now then
  return { "admitted", tonumber(redis.call("HGET", placeKey, userId) or "0"), redis.call("HGET", preKey, userId) or "", tonumber(activeUntil) }
end
local place = redis.call("ZSCORE", lineKey, userId)
if place then return { "waiting", tonumber(place), redis.call("HGET", preKey, userId) or "", redis.call("ZRANK", lineKey, userId) } end

if now < onSaleAt and redis.call("HGET", stateKey, "started") ~= "1" then
  local existing = redis.call("HGET", preKey, userId)
  if existing then return { "pre_queue", 0, existing, 0 } end
  redis.call("HSET", preKey, userId, entryId)
  redis.call("ZADD", preOrderKey, now, entryId)
  return { "pre_queue", 0, entryId, 0 }
end

startLine(seed)
place = redis.call("ZSCORE", lineKey, userId)
if place then return { "waiting", tonumber(place), redis.call("HGET", preKey, userId) or "", redis.call("ZRANK", lineKey, userId) } end
local nextPlace = redis.call("HINCRBY", stateKey, "tail", 1)
redis.call("ZADD", lineKey, nextPlace, userId)
redis.call("HSET", placeKey, userId, nextPlace)
return { "waiting", nextPlace, "", redis.call("ZCARD", lineKey) - 1 }
