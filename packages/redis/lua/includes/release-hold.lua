--@include user-holds
--@include client-held
--@include publish-changes
-- Gives every seat and GA ticket of a hold back and deletes the hold; appends the changes to `changes`. A seat
-- listed for resale (in the SET `resaleSeatsKey`) goes back on sale as "resale", any other as "available".
local function releaseHold(holdId, hold, changes, resaleSeatsKey)
  local count = 0
  for _, seatId in ipairs(hold.s) do
    local owner = redis.call("HGET", seatsKey, seatId)
    if owner and string.sub(owner, 1, #holdId + 1) == holdId .. "|" then
      redis.call("HDEL", seatsKey, seatId)
      local listed = redis.call("SISMEMBER", resaleSeatsKey, seatId) == 1
      changes[#changes + 1] = { seatId = seatId, status = listed and "resale" or "available" }
    end
    count = count + 1
  end
  for sectionId, qty in pairs(hold.g) do
    redis.call("HINCRBY", gaHeldKey, sectionId, -qty)
    count = count + qty
    changes[#changes + 1] = { sectionId = sectionId, available = gaAvailableNow(sectionId) }
  end
  if count > 0 and redis.call("HINCRBY", userHeldKey, hold.u, -count) <= 0 then
    redis.call("HDEL", userHeldKey, hold.u)
  end
  addClientHeld(hold.ip, -count)
  redis.call("HDEL", holdsKey, holdId)
  redis.call("ZREM", expiryKey, holdId)
  removeUserHold(hold.u, holdId)
end
