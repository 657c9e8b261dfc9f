-- Sliding-window counting over a sorted set of attempt timestamps (members are unique attempt ids).
-- windowCount drops attempts older than the window and returns how many are left.
local function windowCount(key, now, window)
  redis.call("ZREMRANGEBYSCORE", key, "-inf", now - window)
  return redis.call("ZCARD", key)
end

local function windowRecord(key, now, window, member)
  redis.call("ZADD", key, now, member)
  redis.call("PEXPIRE", key, window)
end

-- How long until enough of the oldest attempts leave the window to bring `count` below `limit` (at least 1 ms).
local function windowRetryMs(key, count, limit, now, window)
  local oldest = redis.call("ZRANGE", key, count - limit, count - limit, "WITHSCORES")
  local retry = window
  if oldest[2] then
    retry = tonumber(oldest[2]) + window - now
  end
  if retry < 1 then retry = 1 end
  return retry
end
