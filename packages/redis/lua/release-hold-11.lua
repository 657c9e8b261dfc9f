-- Releases a fan's hold at once and publishes its seats as back on sale.
-- ARGV: holdId, userId, channel, streamMaxLen
-- KEYS: the event's hold keys, then its seats listed for resale.
-- A waiting-list offer is not released here (answer "OFFER"): offer-returned-14.lua gives its seats to the next fan.
-- Returns {"OK", seq} | {"HOLD_NOT_FOUND"} | {"CHECKING_OUT"} | {"OFFER"}
--@include event-keys
--@include publish-changes
--@include user-holds
--@include client-held
--@include release-hold

local resaleSeatsKey = KEYS[11]
local holdId, userId = ARGV[1], ARGV[2]
local json = redis.call("HGET", holdsKey, holdId)
if not json then return { "HOLD_NOT_FOUND" } end
local hold = cjson.decode(json)
if hold.u ~= userId then return { "HOLD_NOT_FOUND" } end
if hold.st ~= "active" then return { "CHECKING_OUT" } end
if hold.wl then return { "OFFER" } end

local changes = {}
releaseHold(holdId, hold, changes, resaleSeatsKey)
local seq = 0
if #changes > 0 then seq = publishChanges(changes, ARGV[3], tonumber(ARGV[4])) end
return { "OK", seq }
