-- One admission step of the event's admitter: drops shoppers whose window ended, then admits the fans the
-- configured rate earned since the previous step (from the front of the line, never past `maxActive` shoppers),
-- and publishes the new head.
-- ARGV: fenceToken, nowMs, ratePerMinute, maxActive, windowMs, channel, seed, onSaleAtMs, maxCreditMs, tickMs
-- A caller whose fencing token is not the current one (a paused, replaced admitter) changes nothing.
-- The admission clock (when credit was last counted, and the fraction of a fan carried over) lives in the state
-- hash, not in the admitter's process: a step that comes late earns the time that passed, up to `maxCreditMs`,
-- and so does the step of an instance that just took the lease over. Unused credit is capped at one tick's worth
-- and none is kept while nobody waits (or before the line starts), so it is never released as a burst.
-- A rate of 0 (admission paused) admits nobody and banks nothing.
-- Returns { admittedNow, head, waiting, active } or { -1 } when fenced off.
--@include queue-keys
--@include queue-start

if redis.call("GET", fenceKey) ~= ARGV[1] then return { -1 } end
local now, rate, maxActive, window = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local maxCredit, tickMs = tonumber(ARGV[9]), tonumber(ARGV[10])
if now >= tonumber(ARGV[8]) then startLine(ARGV[7]) end
if redis.call("HGET", stateKey, "started") ~= "1" then
  redis.call("HSET", stateKey, "creditAt", ARGV[2], "carry", "0")
  return { 0, 0, 0, 0 }
end

local clock = redis.call("HMGET", stateKey, "creditAt", "carry")
local last, carry = tonumber(clock[1]), tonumber(clock[2]) or 0
if not last then last, carry = now - tickMs, 0 end
local earned = 0
if rate > 0 then earned = carry + math.min(math.max(0, now - last), maxCredit) / 60000 * rate end

redis.call("ZREMRANGEBYSCORE", activeKey, "-inf", now)
local slots = maxActive - redis.call("ZCARD", activeKey)
local n = math.min(math.floor(earned), slots)
local head = tonumber(redis.call("HGET", stateKey, "head") or "0")
local admitted = 0
if n > 0 then
  local popped = redis.call("ZPOPMIN", lineKey, n)
  for i = 1, #popped, 2 do
    redis.call("ZADD", activeKey, now + window, popped[i])
    local place = tonumber(popped[i + 1])
    if place > head then head = place end
    admitted = admitted + 1
  end
end
local total = redis.call("HINCRBY", stateKey, "admitted", admitted)
local waiting = redis.call("ZCARD", lineKey)
local active = redis.call("ZCARD", activeKey)
local kept = 0
if waiting > 0 then kept = math.min(earned - admitted, math.max(1, rate * tickMs / 60000)) end
redis.call("HSET", stateKey, "head", head, "creditAt", ARGV[2], "carry", string.format("%.17g", kept))
redis.call("SPUBLISH", ARGV[6], cjson.encode({ head = head, admitted = total, waiting = waiting, active = active, at = now }))
return { admitted, head, waiting, active }
