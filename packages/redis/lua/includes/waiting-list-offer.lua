-- The waiting list's offers, made in the same step that puts seats back on sale (see offer-returned-13.lua).
-- KEYS[11] (wlPool): HASH seatId -> sectionId of reserved seats back on sale that no request on the list fitted
--   yet, and "ga:<sectionId>" -> "1" for standing sections with places back; free ones are offered first to the
--   next fitting request, taken ones are dropped as they are met.
-- KEYS[12] (wlOffered): HASH entryId -> holdId of the entry's live offer, so two steps never offer to one entry.
--@include event-keys
--@include publish-changes
--@include user-holds
local wlPoolKey = KEYS[11]
local wlOfferedKey = KEYS[12]

local function hasLiveOffer(entryId)
  local holdId = redis.call("HGET", wlOfferedKey, entryId)
  if not holdId then return false end
  if redis.call("HEXISTS", holdsKey, holdId) == 1 then return true end
  redis.call("HDEL", wlOfferedKey, entryId)
  return false
end

-- Offers the seats and places freed in this step, and those the pool kept, to the candidates in their order:
-- each gets exactly the quantity asked, in one hold, or nothing (a group is never split). `freedSeats` is a list of
-- { seatId, sectionId } and `freedGa` a list of sectionIds; `candidates` a list of
-- { entryId, userId, quantity, sectionId ("" = any), holdId }. The hold is a normal hold of that fan (expiring at
-- `expiresAt`), marked with its entry (`wl`) and its seats' sections (`ws`). Returns a flat list of entryId, holdId.
local function offerToWaitingList(freedSeats, freedGa, candidates, limit, expiresAt, changes)
  if #candidates == 0 then
    redis.call("DEL", wlPoolKey)
    return {}
  end
  local seats, seen, gaSections, gaSeen = {}, {}, {}, {}
  for _, seat in ipairs(freedSeats) do
    if not seen[seat.id] and not redis.call("HGET", seatsKey, seat.id) then
      seats[#seats + 1] = { id = seat.id, section = seat.section }
    end
    seen[seat.id] = true
  end
  for _, sectionId in ipairs(freedGa) do
    if not gaSeen[sectionId] then gaSections[#gaSections + 1] = sectionId; gaSeen[sectionId] = true end
  end
  local pooled = redis.call("HGETALL", wlPoolKey)
  for k = 1, #pooled, 2 do
    local field = pooled[k]
    if string.sub(field, 1, 3) == "ga:" then
      local sectionId = string.sub(field, 4)
      if not gaSeen[sectionId] then gaSections[#gaSections + 1] = sectionId; gaSeen[sectionId] = true end
    elseif not seen[field] then
      seen[field] = true
      if redis.call("HGET", seatsKey, field) then
        redis.call("HDEL", wlPoolKey, field)
      else
        seats[#seats + 1] = { id = field, section = pooled[k + 1] }
      end
    end
  end

  local offers = {}
  for _, c in ipairs(candidates) do
    local held = tonumber(redis.call("HGET", userHeldKey, c.userId) or "0")
    local bought = tonumber(redis.call("HGET", boughtKey, c.userId) or "0")
    if held + bought + c.quantity <= limit and not hasLiveOffer(c.entryId) then
      local picked = {}
      for _, seat in ipairs(seats) do
        if #picked == c.quantity then break end
        if not seat.taken and (c.sectionId == "" or c.sectionId == seat.section) then picked[#picked + 1] = seat end
      end
      local hold = nil
      if #picked == c.quantity then
        hold = { u = c.userId, s = {}, ws = {}, g = {}, e = expiresAt, st = "active", wl = c.entryId }
        for n, seat in ipairs(picked) do
          seat.taken = true
          hold.s[n] = seat.id
          hold.ws[n] = seat.section
          redis.call("HSET", seatsKey, seat.id, c.holdId .. "|" .. c.userId)
          redis.call("HDEL", wlPoolKey, seat.id)
          changes[#changes + 1] = { seatId = seat.id, status = "held" }
        end
      else
        for _, sectionId in ipairs(gaSections) do
          if (c.sectionId == "" or c.sectionId == sectionId) and gaAvailableNow(sectionId) >= c.quantity then
            hold = { u = c.userId, s = {}, ws = {}, g = { [sectionId] = c.quantity }, e = expiresAt, st = "active", wl = c.entryId }
            redis.call("HINCRBY", gaHeldKey, sectionId, c.quantity)
            changes[#changes + 1] = { sectionId = sectionId, available = gaAvailableNow(sectionId) }
            break
          end
        end
      end
      if hold then
        redis.call("HSET", holdsKey, c.holdId, cjson.encode(hold))
        redis.call("ZADD", expiryKey, expiresAt, c.holdId)
        redis.call("HINCRBY", userHeldKey, c.userId, c.quantity)
        addUserHold(c.userId, c.holdId)
        redis.call("HSET", wlOfferedKey, c.entryId, c.holdId)
        offers[#offers + 1] = c.entryId
        offers[#offers + 1] = c.holdId
      end
    end
  end

  -- What no request fitted stays on sale for anyone, and in the pool for the next request that fits.
  for _, seat in ipairs(seats) do
    if not seat.taken then redis.call("HSET", wlPoolKey, seat.id, seat.section) end
  end
  for _, sectionId in ipairs(gaSections) do
    if gaAvailableNow(sectionId) > 0 then
      redis.call("HSET", wlPoolKey, "ga:" .. sectionId, "1")
    else
      redis.call("HDEL", wlPoolKey, "ga:" .. sectionId)
    end
  end
  return offers
end
