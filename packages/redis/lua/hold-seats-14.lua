-- Holds seats and general-admission tickets all or nothing, in one step.
-- ARGV: holdId, userId, nowMs, expiresAtMs, perFanLimit, channel, streamMaxLen,
--       nSeats, seatId * nSeats, nGa, (sectionId, qty) * nGa, nGuards, (neighbour, beyond) * nGuards,
--       nStrandChecks, (seat, leftNeighbour, leftStop, rightNeighbour, rightStop) * nStrandChecks, mustBeShopping,
--       clientIp, clientCap, fanAttempts, clientAttempts, attemptsWindowMs, attemptId
-- KEYS: the event's hold keys, the waiting room's active-shoppers key, the fan's and the client address's
-- recent hold attempts on this event (sliding windows), then the event's seats listed for resale.
-- Bot limits, all in this same step: a request (attemptId; best-available's several tries share one) counts once
-- against `fanAttempts` per window for the fan and `clientAttempts` for the address (0 = no limit; a refused
-- request is not counted); the seats held at once from one address stay within `clientCap` (0 = no cap). With mustBeShopping = 1 (a waiting-room
-- event) the fan must still be an active shopper whose window has not ended: a fan who left the room, or whose
-- window ran out, is refused even with a signed access pass that has not expired yet.
-- A guard pair protects against stranding one seat: when `neighbour` stays free, `beyond` must be free too
-- ("" = the row ends there). Guards are sent only by best-available.
-- A strand check is the single-seat rule for hand-picked seats (built by strandChecks in packages/core): `seat`
-- must not stay free with no free neighbour left ("" = no seat there), unless neither stop (the first seat past
-- the chosen seats on each side) is free: then the seat's run held exactly one seat more than the fan takes from
-- it, and no choice there avoids leaving one alone.
-- The held seats listed for resale come back after the sequence: they cost their listing's price, not the tier's.
-- Returns {"OK", seq, resaleSeatId...} | {"SEAT_UNAVAILABLE", id...} | {"LIMIT_EXCEEDED", alreadyCounted} | {"ORPHAN"}
--         | {"STRANDS_SEAT", seatId} | {"NOT_LOADED"}
--         | {"NOT_ADMITTED"} | {"RATE_LIMITED", retryAfterMs} | {"CLIENT_LIMIT_EXCEEDED", heldFromClient}
--@include event-keys
--@include publish-changes
--@include user-holds
--@include client-held
--@include sliding-window

local activeKey = KEYS[11]     -- ZSET userId by shopping-window end (the waiting room's q:active)
local fanAttemptsKey = KEYS[12]    -- ZSET attemptId by time: this fan's hold requests on this event
local clientAttemptsKey = KEYS[13] -- ZSET attemptId by time: this client address's hold requests on this event
local resaleSeatsKey = KEYS[14]    -- SET seatId: the event's seats listed for resale

if redis.call("EXISTS", loadedKey) == 0 then
  return { "NOT_LOADED" }
end

local holdId, userId = ARGV[1], ARGV[2]
local expiresAt = tonumber(ARGV[4])
local limit = tonumber(ARGV[5])
local bought = tonumber(redis.call("HGET", boughtKey, userId) or "0")
local channel, maxLen = ARGV[6], tonumber(ARGV[7])

local i = 8
local nSeats = tonumber(ARGV[i]); i = i + 1
local seatIds = {}
for n = 1, nSeats do seatIds[n] = ARGV[i]; i = i + 1 end
local nGa = tonumber(ARGV[i]); i = i + 1
local ga = {}
for n = 1, nGa do ga[n] = { sectionId = ARGV[i], qty = tonumber(ARGV[i + 1]) }; i = i + 2 end
local nGuards = tonumber(ARGV[i]); i = i + 1
local guards = {}
for n = 1, nGuards do guards[n] = { ARGV[i], ARGV[i + 1] }; i = i + 2 end
local nStrandChecks = tonumber(ARGV[i]); i = i + 1
local strandChecksAt = i
i = i + 5 * nStrandChecks
local mustBeShopping = ARGV[i] == "1"
local clientIp, clientCap = ARGV[i + 1], tonumber(ARGV[i + 2])
local fanAttempts, clientAttempts = tonumber(ARGV[i + 3]), tonumber(ARGV[i + 4])
local attemptsWindow, attemptId = tonumber(ARGV[i + 5]), ARGV[i + 6]
local now = tonumber(ARGV[3])

-- Rate limits: check both windows before recording in either, so a refusal leaves neither counted.
local windows = {}
if fanAttempts > 0 then windows[#windows + 1] = { fanAttemptsKey, fanAttempts } end
if clientAttempts > 0 and clientIp ~= "" then windows[#windows + 1] = { clientAttemptsKey, clientAttempts } end
local retryAfter = 0
for _, w in ipairs(windows) do
  local count = windowCount(w[1], now, attemptsWindow)
  if count >= w[2] and not redis.call("ZSCORE", w[1], attemptId) then
    retryAfter = math.max(retryAfter, windowRetryMs(w[1], count, w[2], now, attemptsWindow))
  end
end
if retryAfter > 0 then
  return { "RATE_LIMITED", retryAfter }
end
for _, w in ipairs(windows) do windowRecord(w[1], now, attemptsWindow, attemptId) end

if mustBeShopping then
  local shoppingUntil = redis.call("ZSCORE", activeKey, userId)
  if not shoppingUntil or tonumber(shoppingUntil) <= now then
    return { "NOT_ADMITTED" }
  end
end

-- Every seat must be free, or held by this fan in a hold that is not checking out (re-selection moves it).
local blocked = {}
local movedFrom = {}
local movedSeat = {}
local moved = 0
local movedFromClient = 0  -- moved seats whose hold was made from this same address
local chosen = {}
for _, seatId in ipairs(seatIds) do
  chosen[seatId] = true
  local owner = redis.call("HGET", seatsKey, seatId)
  if owner then
    local sep = string.find(owner, "|", 1, true)
    local ownHold = sep and string.sub(owner, sep + 1) == userId and string.sub(owner, 1, sep - 1) or nil
    local ownJson = ownHold and redis.call("HGET", holdsKey, ownHold)
    local own = ownJson and cjson.decode(ownJson)
    if own and own.st == "active" then
      movedFrom[ownHold] = movedFrom[ownHold] or {}
      movedFrom[ownHold][seatId] = true
      movedSeat[seatId] = true
      moved = moved + 1
      if own.ip == clientIp then movedFromClient = movedFromClient + 1 end
    else
      blocked[#blocked + 1] = seatId
    end
  end
end
for _, item in ipairs(ga) do
  if gaAvailableNow(item.sectionId) < item.qty then
    blocked[#blocked + 1] = item.sectionId
  end
end
if #blocked > 0 then
  return { "SEAT_UNAVAILABLE", unpack(blocked) }
end

local requested = nSeats
for _, item in ipairs(ga) do requested = requested + item.qty end
local held = tonumber(redis.call("HGET", userHeldKey, userId) or "0")
if held - moved + bought + requested > limit then
  return { "LIMIT_EXCEEDED", held + bought }
end
local clientHeld = 0
if clientIp ~= "" then clientHeld = tonumber(redis.call("HGET", userHeldKey, "ip:" .. clientIp) or "0") end
if clientCap > 0 and clientHeld - movedFromClient + requested > clientCap then
  return { "CLIENT_LIMIT_EXCEEDED", clientHeld }
end

local function isFree(seatId)
  return seatId ~= "" and not chosen[seatId] and not redis.call("HGET", seatsKey, seatId)
end
for _, guard in ipairs(guards) do
  if isFree(guard[1]) and not isFree(guard[2]) then
    return { "ORPHAN" }
  end
end
-- Usually one HGET per check (the seat next to the chosen ones is taken, or its other neighbour is free).
for at = strandChecksAt, strandChecksAt + 5 * (nStrandChecks - 1), 5 do
  local seat, leftStop, rightStop = ARGV[at], ARGV[at + 2], ARGV[at + 4]
  if isFree(seat) and not isFree(ARGV[at + 1]) and not isFree(ARGV[at + 3])
      and (isFree(leftStop) or isFree(rightStop)) then
    return { "STRANDS_SEAT", seat }
  end
end

-- Take everything.
local changes = {}
for ownHold, seats in pairs(movedFrom) do
  local hold = cjson.decode(redis.call("HGET", holdsKey, ownHold))
  local kept = {}
  for _, seatId in ipairs(hold.s) do
    if not seats[seatId] then kept[#kept + 1] = seatId end
  end
  hold.s = kept
  local n = 0
  for _ in pairs(seats) do n = n + 1 end
  addClientHeld(hold.ip, -n)
  if #kept == 0 and next(hold.g) == nil then
    redis.call("HDEL", holdsKey, ownHold)
    redis.call("ZREM", expiryKey, ownHold)
    removeUserHold(userId, ownHold)
  else
    redis.call("HSET", holdsKey, ownHold, cjson.encode(hold))
  end
end
local gaTable = {}
local resaleSeats = {}
for _, seatId in ipairs(seatIds) do
  redis.call("HSET", seatsKey, seatId, holdId .. "|" .. userId)
  if not movedSeat[seatId] then changes[#changes + 1] = { seatId = seatId, status = "held" } end
  if redis.call("SISMEMBER", resaleSeatsKey, seatId) == 1 then resaleSeats[#resaleSeats + 1] = seatId end
end
for _, item in ipairs(ga) do
  gaTable[item.sectionId] = (gaTable[item.sectionId] or 0) + item.qty
  redis.call("HINCRBY", gaHeldKey, item.sectionId, item.qty)
end
for sectionId, _ in pairs(gaTable) do
  changes[#changes + 1] = { sectionId = sectionId, available = gaAvailableNow(sectionId) }
end
local hold = { u = userId, s = seatIds, g = gaTable, e = expiresAt, st = "active" }
if clientIp ~= "" then hold.ip = clientIp end
redis.call("HSET", holdsKey, holdId, cjson.encode(hold))
redis.call("ZADD", expiryKey, expiresAt, holdId)
redis.call("HINCRBY", userHeldKey, userId, requested - moved)
addClientHeld(clientIp, requested)
addUserHold(userId, holdId)

local seq = 0
if #changes > 0 then seq = publishChanges(changes, channel, maxLen) end
return { "OK", seq, unpack(resaleSeats) }
