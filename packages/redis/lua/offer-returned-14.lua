-- Puts seats back on sale and, in the same step, holds them for the first fans of the waiting list whose request
-- they fit, so nobody else can take them in between. What comes back depends on `mode`:
--   "order"   a refunded order (committed in Postgres): its seats and GA places, as return-seats-10.lua does (its
--             accepted transfers undone in the bought counts first, as there);
--   "resale"  seats a fan listed for resale (committed in Postgres): back on sale as "resale", the seller's count
--             untouched (their tickets stay valid until a buyer's sale voids them);
--   "unblock" seats an organizer unblocked (committed in Postgres): those still blocked here are freed;
--   "expire"  an offer's hold whose time to pay is over (and sales are not paused): it is released;
--   "decline" an offer's hold its fan gave up (`userId` must own it, and it must not be checking out);
--   "none"    nothing: only what the pool kept is offered (after a fan joined or an offer was withdrawn).
-- Candidates are the list's first waiting entries, in order, read from Postgres (the list's truth) by the caller.
-- ARGV: channel, streamMaxLen, nowMs, perFanLimit, offerExpiresAtMs, mode, holdId, orderId, userId,
--       nSeats, (seatId, sectionId, tierId) * nSeats, nGa, (sectionId, qty, tierId) * nGa,
--       nTransfers, (transferId, fromUserId, toUserId) * nTransfers,
--       nCandidates, (entryId, userId, quantity, sectionId, tierId, holdId) * nCandidates
-- KEYS: the event's hold keys, the waiting list's pool and offers (see includes/waiting-list-offer.lua), the
-- event's sales-paused key, then its seats listed for resale ("resale" mode adds its seats there).
-- Returns {"OK", seq, (entryId, holdId)...} | {"NOT_LOADED"} | {"GONE"} | {"CHECKING_OUT"} | {"PAUSED"}
--         | {"NOT_EXPIRED", expiresAtMs}
--@include event-keys
--@include publish-changes
--@include user-holds
--@include client-held
--@include bought
--@include release-hold
--@include waiting-list-offer

local salesPausedKey = KEYS[13]
local resaleSeatsKey = KEYS[14]

if redis.call("EXISTS", loadedKey) == 0 then return { "NOT_LOADED" } end

local now, limit, expiresAt = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local mode, holdId, orderId, userId = ARGV[6], ARGV[7], ARGV[8], ARGV[9]
local i = 10
local nSeats = tonumber(ARGV[i]); i = i + 1
local seats = {}
for n = 1, nSeats do seats[n] = { id = ARGV[i], section = ARGV[i + 1], tier = ARGV[i + 2] }; i = i + 3 end
local nGa = tonumber(ARGV[i]); i = i + 1
local ga = {}
for n = 1, nGa do ga[n] = { sectionId = ARGV[i], qty = tonumber(ARGV[i + 1]), tier = ARGV[i + 2] }; i = i + 3 end
local nTransfers = tonumber(ARGV[i]); i = i + 1
local transfers = {}
for n = 1, nTransfers do transfers[n] = { id = ARGV[i], from = ARGV[i + 1], to = ARGV[i + 2] }; i = i + 3 end
local nCandidates = tonumber(ARGV[i]); i = i + 1
local candidates = {}
for n = 1, nCandidates do
  candidates[n] = {
    entryId = ARGV[i], userId = ARGV[i + 1], quantity = tonumber(ARGV[i + 2]), sectionId = ARGV[i + 3],
    tierId = ARGV[i + 4], holdId = ARGV[i + 5],
  }
  i = i + 6
end

local changes = {}
local freedSeats, freedGa = {}, {}
if mode == "order" or mode == "resale" then
  if mode == "order" then
    for _, transfer in ipairs(transfers) do unmoveBought(transfer.id, transfer.from, transfer.to) end
    -- After the transfers are undone, so the buyer's count holds the whole order again before it goes.
    uncountBought(orderId, userId)
  end
  for _, seat in ipairs(seats) do
    if mode == "resale" then redis.call("SADD", resaleSeatsKey, seat.id) end
    local sold = redis.call("HGET", seatsKey, seat.id) == "s"
    if sold then redis.call("HDEL", seatsKey, seat.id) end
    -- A listing's seat is freed once: run again, a seat already free (or held by a buyer) is left as it is.
    if sold or mode == "order" then
      changes[#changes + 1] = { seatId = seat.id, status = mode == "resale" and "resale" or "available" }
      freedSeats[#freedSeats + 1] = seat
    end
  end
  for _, item in ipairs(ga) do
    redis.call("HINCRBY", gaAvailableKey, item.sectionId, item.qty)
    changes[#changes + 1] = { sectionId = item.sectionId, available = gaAvailableNow(item.sectionId) }
    freedGa[#freedGa + 1] = { section = item.sectionId, tier = item.tier }
  end
elseif mode == "unblock" then
  for _, seat in ipairs(seats) do
    if redis.call("HGET", seatsKey, seat.id) == "b" then
      redis.call("HDEL", seatsKey, seat.id)
      changes[#changes + 1] = { seatId = seat.id, status = "available" }
    end
    freedSeats[#freedSeats + 1] = seat
  end
elseif mode == "expire" or mode == "decline" then
  local json = redis.call("HGET", holdsKey, holdId)
  if not json then return { "GONE" } end
  local hold = cjson.decode(json)
  if not hold.wl or (mode == "decline" and hold.u ~= userId) then return { "GONE" } end
  if hold.st ~= "active" then return { "CHECKING_OUT" } end
  if mode == "expire" then
    if redis.call("EXISTS", salesPausedKey) == 1 then return { "PAUSED" } end
    if hold.e > now then return { "NOT_EXPIRED", hold.e } end
  end
  local sections, tiers, gaTiers = hold.ws or {}, hold.wt or {}, hold.wgt or {}
  for n, seatId in ipairs(type(hold.s) == "table" and hold.s or {}) do
    freedSeats[#freedSeats + 1] = { id = seatId, section = sections[n] or "", tier = tiers[n] or "" }
  end
  for sectionId, _ in pairs(hold.g) do freedGa[#freedGa + 1] = { section = sectionId, tier = gaTiers[sectionId] or "" } end
  redis.call("HDEL", wlOfferedKey, hold.wl)
  releaseHold(holdId, hold, changes, resaleSeatsKey)
end

local offers = offerToWaitingList(freedSeats, freedGa, candidates, limit, expiresAt, changes)
local seq = 0
if #changes > 0 then seq = publishChanges(changes, ARGV[1], tonumber(ARGV[2])) end
local reply = { "OK", seq }
for _, value in ipairs(offers) do reply[#reply + 1] = value end
return reply
