-- Seats and GA places held now per client address, in field "ip:<address>" of the user-held hash (user ids never
-- start with "ip:"). A hold records its address as `ip`; whatever ends a hold (release, expiry, sale, re-selection)
-- takes its tickets off that count in the same step.
--@include event-keys
local function addClientHeld(ip, delta)
  if not ip or ip == "" or delta == 0 then return end
  if redis.call("HINCRBY", userHeldKey, "ip:" .. ip, delta) <= 0 then
    redis.call("HDEL", userHeldKey, "ip:" .. ip)
  end
end
