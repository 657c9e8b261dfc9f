-- An organizer changed a standing area's capacity (already committed in Postgres): move the event's count of
-- free places by the same amount and tell open maps. Before the inventory is loaded there is nothing to move:
-- loading reads the new capacity from Postgres.
-- ARGV: channel, streamMaxLen, sectionId, delta
-- Returns {"OK", seq, availableNow} | {"NOT_LOADED"}
--@include event-keys
--@include publish-changes

if redis.call("EXISTS", loadedKey) == 0 then
  return { "NOT_LOADED" }
end
local sectionId = ARGV[3]
redis.call("HINCRBY", gaAvailableKey, sectionId, tonumber(ARGV[4]))
local available = gaAvailableNow(sectionId)
local seq = publishChanges({ { sectionId = sectionId, available = available } }, ARGV[1], tonumber(ARGV[2]))
return { "OK", seq, available }
