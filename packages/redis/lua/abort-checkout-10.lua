-- Puts a hold back as it was before a checkout that failed (declined card, error before the sale committed).
-- ARGV: holdId
-- Returns 1 when the hold was restored, 0 when it is gone.
--@include event-keys

local json = redis.call("HGET", holdsKey, ARGV[1])
if not json then return 0 end
local hold = cjson.decode(json)
hold.st = "active"
redis.call("HSET", holdsKey, ARGV[1], cjson.encode(hold))
redis.call("ZADD", expiryKey, hold.e, ARGV[1])
return 1
