-- Starts the line (once): the pre-queue's entries get places 1..N in the order of sha1(seed .. ":" .. entryId),
-- which anyone can recompute from the revealed seed and the published entry ids. Returns N, or -1 if started.
local function startLine(seed)
  if redis.call("HGET", stateKey, "started") == "1" then return -1 end
  local byEntry = {}
  local flat = redis.call("HGETALL", preKey)
  local entries = {}
  for i = 1, #flat, 2 do
    byEntry[flat[i + 1]] = flat[i]
    entries[#entries + 1] = { id = flat[i + 1], rank = redis.sha1hex(seed .. ":" .. flat[i + 1]) }
  end
  table.sort(entries, function(a, b) return a.rank < b.rank end)
  for place, entry in ipairs(entries) do
    redis.call("ZADD", lineKey, place, byEntry[entry.id])
    redis.call("HSET", placeKey, byEntry[entry.id], place)
  end
  redis.call("HSET", stateKey, "started", "1", "tail", #entries, "head", 0, "admitted", 0)
  return #entries
end
