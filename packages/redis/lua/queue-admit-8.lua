-- One admission step of the event's admitter: drops shoppers whose window ended, then admits up to `budget`
-- fans from the front of the line without passing `maxActive` shoppers, and publishes the new head.
-- ARGV: fenceToken, nowMs, budget, maxActive, windowMs, channel, seed, onSaleAtMs
-- A caller whose fencing token is not the current one (a paused, replaced admitter) changes nothing.
-- Returns { admittedNow, head, waiting, active } or { -1 } when fenced off.
--@include queue-keys
--@include queue-start

if redis.call("GET", fenceKey) ~= ARGV[1] then return { -1 } end
local now, budget, maxActive, window = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
if now >= tonumber(ARGV[8]) then startLine(ARGV[7]) end
if redis.call("HGET", stateKey, "started") ~= "1" then return { 0, 0, 0, 0 } end

redis.call("ZREMRANGEBYSCORE", activeKey, "-inf", now)
local slots = maxActive - redis.call("ZCARD", activeKey)
local n = math.min(budget, slots)
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
redis.call("HSET", stateKey, "head", head)
local waiting = redis.call("ZCARD", lineKey)
local active = redis.call("ZCARD", activeKey)
redis.call("SPUBLISH", ARGV[6], cjson.encode({ head = head, admitted = total, waiting = waiting, active = active, at = now }))
return { admitted, head, waiting, active }
