-- An organizer takes reserved seats off sale (blocked = 1) or puts them back (blocked = 0), in one step.
-- Blocking takes only seats that are free right now: a seat held by a fan or sold is refused and named, never
-- overwritten. Unblocking frees only seats that are blocked. Seats already as asked are left alone.
-- ARGV: channel, streamMaxLen, blocked (1|0), nSeats, seatId * nSeats
-- Returns {"OK", seq, nChanged, changedId * nChanged, refusedId...} | {"NOT_LOADED"}
--@include event-keys
--@include publish-changes

if redis.call("EXISTS", loadedKey) == 0 then
  return { "NOT_LOADED" }
end

local block = ARGV[3] == "1"
local nSeats = tonumber(ARGV[4])
local changed = {}
local refused = {}
local changes = {}
for i = 5, 4 + nSeats do
  local seatId = ARGV[i]
  local owner = redis.call("HGET", seatsKey, seatId)
  if block then
    if not owner then
      redis.call("HSET", seatsKey, seatId, "b")
      changed[#changed + 1] = seatId
      changes[#changes + 1] = { seatId = seatId, status = "blocked" }
    elseif owner ~= "b" then
      refused[#refused + 1] = seatId
    end
  elseif owner == "b" then
    redis.call("HDEL", seatsKey, seatId)
    changed[#changed + 1] = seatId
    changes[#changes + 1] = { seatId = seatId, status = "available" }
  end
end

local seq = 0
if #changes > 0 then seq = publishChanges(changes, ARGV[1], tonumber(ARGV[2])) end
local reply = { "OK", seq, #changed }
for _, seatId in ipairs(changed) do reply[#reply + 1] = seatId end
for _, seatId in ipairs(refused) do reply[#reply + 1] = seatId end
return reply
