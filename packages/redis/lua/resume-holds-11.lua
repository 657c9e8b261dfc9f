-- Ends a pause of sales: every hold of the event gets its expiry moved by the pause's length, all in this one step
-- (so no hold is ever seen with an old expiry after the pause ended), and the sweeper may release holds again.
-- A hold is what a fan has left to pay: the pause must not eat into it.
-- ARGV: nowMs
-- KEYS: the event's hold keys, then its sales-paused key (holding the pause's start, ms).
-- Returns { pauseMs, holdsMoved }; { 0, 0 } when sales were not paused.
--@include event-keys

local salesPausedKey = KEYS[11]
local pausedAt = redis.call("GET", salesPausedKey)
if not pausedAt then
  return { 0, 0 }
end
local shift = math.max(0, tonumber(ARGV[1]) - tonumber(pausedAt))
local moved = 0
if shift > 0 then
  local all = redis.call("HGETALL", holdsKey)
  for n = 1, #all, 2 do
    local holdId, hold = all[n], cjson.decode(all[n + 1])
    hold.e = hold.e + shift
    redis.call("HSET", holdsKey, holdId, cjson.encode(hold))
    redis.call("ZADD", expiryKey, hold.e, holdId)
    moved = moved + 1
  end
end
redis.call("DEL", salesPausedKey)
return { shift, moved }
