-- After an accepted ticket transfer committed in Postgres: its tickets leave the sender's bought count and join the
-- recipient's, once however often this runs (see moveBought in bought.lua).
-- ARGV: transferId, fromUserId, toUserId, tickets
-- Returns 1, or 0 when the event's inventory is not in Redis (the next load reads Postgres, transfers included).
--@include event-keys
--@include bought

if redis.call("EXISTS", loadedKey) == 0 then return 0 end
moveBought(ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]))
return 1
