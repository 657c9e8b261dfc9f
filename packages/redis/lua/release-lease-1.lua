-- Deletes a lease only while it is still the caller's. KEYS: lease. ARGV: holder value.
-- Returns 1 when it was deleted, 0 when it expired or belongs to someone else now.
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end
return 0
