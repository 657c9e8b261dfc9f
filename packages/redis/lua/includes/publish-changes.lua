-- Bumps the event's sequence, appends the changes to the capped stream and publishes them. Returns the seq.
-- The channel carries the event's hash tag: SPUBLISH sends it only to the subscribers of the event's shard.
local function publishChanges(changes, channel, maxLen)
  local seq = redis.call("INCR", seqKey)
  -- Sequences start near 1.8e15 (see load-inventory); %d keeps every digit where cjson and `..` would not.
  local seqText = string.format("%d", seq)
  local payload = '{"seq":' .. seqText .. ',"changes":' .. cjson.encode(changes) .. "}"
  redis.call("XADD", changesKey, "MAXLEN", "~", maxLen, seqText .. "-1", "c", payload)
  redis.call("SPUBLISH", channel, payload)
  return seq
end

local function gaAvailableNow(sectionId)
  local available = tonumber(redis.call("HGET", gaAvailableKey, sectionId) or "0")
  local held = tonumber(redis.call("HGET", gaHeldKey, sectionId) or "0")
  return available - held
end
