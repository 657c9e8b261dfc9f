-- Each fan's hold ids live beside their held count, in field "<userId>#holds" of the user-held hash.
local function userHoldIds(userId)
  local json = redis.call("HGET", userHeldKey, userId .. "#holds")
  if not json then return {} end
  return cjson.decode(json)
end

local function saveUserHoldIds(userId, ids)
  if #ids == 0 then
    redis.call("HDEL", userHeldKey, userId .. "#holds")
  else
    redis.call("HSET", userHeldKey, userId .. "#holds", cjson.encode(ids))
  end
end

local function addUserHold(userId, holdId)
  local ids = userHoldIds(userId)
  ids[#ids + 1] = holdId
  saveUserHoldIds(userId, ids)
end

local function removeUserHold(userId, holdId)
  local kept = {}
  for _, id in ipairs(userHoldIds(userId)) do
    if id ~= holdId then kept[#kept + 1] = id end
  end
  saveUserHoldIds(userId, kept)
end
