-- Sliding-window rate limit over a sorted set of attempt timestamps.
-- KEYS[1]  the window's sorted set
-- ARGV[1]  now (ms)   ARGV[2] window (ms)   ARGV[3] limit   ARGV[4] 1 to record an attempt, 0 to only check
-- ARGV[5]  a unique member for the recorded attempt
-- Returns { allowed (1/0), attempts in window (after recording), retryAfterMs }
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local record = ARGV[4] == "1"

redis.call("ZREMRANGEBYSCORE", key, "-inf", now - window)
local count = redis.call("ZCARD", key)

if record then
  redis.call("ZADD", key, now, ARGV[5])
  redis.call("PEXPIRE", key, window)
  count = count + 1
end

if count >= limit then
  -- Blocked until enough of the oldest attempts leave the window to bring the count below the limit.
  local oldest = redis.call("ZRANGE", key, count - limit, count - limit, "WITHSCORES")
  local retry = window
  if oldest[2] then
    retry = tonumber(oldest[2]) + window - now
  end
  if retry < 1 then retry = 1 end
  return { 0, count, retry }
end
return { 1, count, 0 }
