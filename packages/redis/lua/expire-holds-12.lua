-- Claims and releases holds whose time is up, atomically, so instances sweeping together never release one twice.
-- A hold that is checking out, or a waiting-list offer, is left alone until its expiry plus the checkout grace has passed.
-- While the organizer has paused sales (KEYS[11], the event's sales-paused key, exists) nothing is released: hold
-- timers stand still, and resume-holds-11.lua moves every expiry by the pause's length when sales resume.
-- ARGV: nowMs, checkoutGraceMs, maxHolds, channel, streamMaxLen
-- KEYS: the event's hold keys, then its sales-paused key and its seats listed for resale.
-- Returns { seq or 0, releasedHoldId... }
--@include event-keys
--@include publish-changes
--@include user-holds
--@include client-held
--@include release-hold

if redis.call("EXISTS", KEYS[11]) == 1 then
  return { 0 }
end

local now, grace, max = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local due = redis.call("ZRANGEBYSCORE", expiryKey, "-inf", now, "LIMIT", 0, max)
local changes = {}
local released = {}
for _, holdId in ipairs(due) do
  local json = redis.call("HGET", holdsKey, holdId)
  if not json then
    redis.call("ZREM", expiryKey, holdId)
  else
    local hold = cjson.decode(json)
    -- A waiting-list offer (`wl`) is expired by offer-returned-14.lua, which hands its seats to the next fan in the
    -- same step; it is released here only if that has not happened within the grace (so no seat stays stuck).
    if (hold.st == "active" and not hold.wl) or hold.e + grace <= now then
      releaseHold(holdId, hold, changes, KEYS[12])
      released[#released + 1] = holdId
    end
  end
end
local seq = 0
if #changes > 0 then seq = publishChanges(changes, ARGV[4], tonumber(ARGV[5])) end
return { seq, unpack(released) }
