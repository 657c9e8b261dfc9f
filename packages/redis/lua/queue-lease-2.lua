-- Takes or renews the event's admitter lease. KEYS: lease, fence. ARGV: holderId, ttlMs.
-- A new holder gets a new fencing token (INCR), so a previous holder that wakes up late is fenced off.
-- Returns the holder's fencing token, or 0 when another instance holds the lease.
local holder = redis.call("GET", KEYS[1])
if holder == ARGV[1] then
  redis.call("PEXPIRE", KEYS[1], ARGV[2])
  return tonumber(redis.call("GET", KEYS[2]))
end
if holder then return 0 end
redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
return redis.call("INCR", KEYS[2])
