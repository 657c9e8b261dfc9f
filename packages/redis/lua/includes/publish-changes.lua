-- Bumps the event's sequence, appends the changes to the capped stream and publishes them. Returns the seq.
local function publishChanges(changes, channel, maxLen)
  local seq = redis.call("INCR", seqKey)
  local payload = cjson.encode({ seq = seq, changes = changes })
  redis.call("XADD", changesKey, "MAXLEN", "~", maxLen, seq .. "-1", "c", payload)
  redis.call("PUBLISH", channel, payload)
  return seq
end

local function gaAvailableNow(sectionId)
  local available = tonumber(redis.call("HGET", gaAvailableKey, sectionId) or "0")
  local held = tonumber(redis.call("HGET", gaHeldKey, sectionId) or "0")
  return available - held
end
