-- A fan leaves the waiting room (or stops shopping): their place is given up and an active slot freed.
-- ARGV: userId. Returns 1 if they were in the pre-queue, line or shopping, else 0.
--@include queue-keys

local userId = ARGV[1]
local found = 0
local entryId = redis.call("HGET", preKey, userId)
if entryId and redis.call("HGET", stateKey, "started") ~= "1" then
  redis.call("HDEL", preKey, userId)
  redis.call("ZREM", preOrderKey, entryId)
  found = 1
end
-- A place given up in the line is logged, so every instance can derive positions from the head and this log alone.
local waitingAt = redis.call("ZSCORE", lineKey, userId)
if waitingAt then
  redis.call("ZREM", lineKey, userId)
  redis.call("RPUSH", leftKey, waitingAt)
  found = 1
end
found = found + redis.call("ZREM", activeKey, userId)
-- Leaving gives the place up entirely: the fan is then simply not in line (not "expired").
redis.call("HDEL", placeKey, userId)
if found > 0 then return 1 end
return 0
