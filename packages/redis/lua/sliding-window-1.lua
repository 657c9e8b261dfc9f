-- Sliding-window rate limit over a sorted set of attempt timestamps. Checking and counting are one step: an
-- attempt is recorded only if the window has room, so concurrent callers can never exceed the limit between a
-- check and a record. A caller that should not count after all (a successful sign-in) removes its member.
-- KEYS: the window's sorted set
-- ARGV: nowMs, windowMs, limit, member (unique to this attempt)
-- Returns { allowed (1/0), attempts in window (including this one if allowed), retryAfterMs }
--@include sliding-window
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])

local count = windowCount(key, now, window)
if count < limit then
  windowRecord(key, now, window, ARGV[4])
  return { 1, count + 1, 0 }
end
-- Full: blocked until enough of the oldest attempts leave the window to bring the count below the limit.
return { 0, count, windowRetryMs(key, count, limit, now, window) }
