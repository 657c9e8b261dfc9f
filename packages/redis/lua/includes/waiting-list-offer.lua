-- The waiting list's offers, made in the same step that puts seats back on sale (see offer-returned-14.lua).
-- KEYS[11] (wlPool): HASH seatId -> "<sectionId>|<tierId>" of reserved seats back on sale that no request on the
--   list fitted yet, and "ga:<sectionId>" -> tierId for standing sections with places back; free ones are offered
--   first to the next fitting request, taken ones are dropped as they are met.
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
-- { id, section, tier } and `freedGa` a list of { section, tier }; `candidates` a list of
-- { entryId, userId, quantity, sectionId, tierId, holdId } ("" = any section, any tier). The hold is a normal hold
-- of that fan (expiring at `expiresAt`), marked with its entry (`wl`), its seats' sections and tiers (`ws`, `wt`)
-- and its standing sections' tiers (`wgt`). Returns a flat list of entryId, holdId.
local function offerToWaitingList(freedSeats, freedGa, candidates, limit, expiresAt, changes)
  if #candidates == 0 then
    redis.call("DEL", wlPoolKey)
    return {}
  end
  local seats, seen, gaSections, gaSeen = {}, {}, {}, {}
  for _, seat in ipairs(freedSeats) do
    if not seen[seat.id] and not redis.call("HGET", seatsKey, seat.id) then
      seats[#seats + 1] = { id = seat.id, section = seat.section, tier = seat.tier }
    end
    seen[seat.id] = true
  end
  for _, ga in ipairs(freedGa) do
    if not gaSeen[ga.section] then gaSections[#gaSections + 1] = ga; gaSeen[ga.section] = true end
  end
  local pooled = redis.call("HGETALL", wlPoolKey)
  for k = 1, #pooled, 2 do
    local field = pooled[k]
    if string.sub(field, 1, 3) == "ga:" then
      local sectionId = string.sub(field, 4)
      if not gaSeen[sectionId] then
        gaSections[#gaSections + 1] = { section = sectionId, tier = pooled[k + 1] }
        gaSeen[sectionId] = true
      end
    elseif not seen[field] then
      seen[field] = true
      if redis.call("HGET", seatsKey, field) then
        redis.call("HDEL", wlPoolKey, field)
      else
        local sep = string.find(pooled[k + 1], "|", 1, true)
        seats[#seats + 1] = { id = field, section = string.sub(pooled[k + 1], 1, sep - 1), tier = string.sub(pooled[k + 1], sep + 1) }
      end
    end
  end
  local function fits(c, section, tier)
    return (c.sectionId == "" or c.sectionId == section) and (c.tierId == "" or c.tierId == tier)
  end

  local offers = {}
  for _, c in ipairs(candidates) do
    local held = tonumber(redis.call("HGET", userHeldKey, c.userId) or "0")
    local bought = tonumber(redis.call("HGET", boughtKey, c.userId) or "0")
    if held + bought + c.quantity <= limit and not hasLiveOffer(c.entryId) then
      local picked = {}
      for _, seat in ipairs(seats) do
        if #picked == c.quantity then break end
        if not seat.taken and fits(c, seat.section, seat.tier) then picked[#picked + 1] = seat end
      end
      local hold = nil
      if #picked == c.quantity then
        hold = { u = c.userId, s = {}, ws = {}, wt = {}, g = {}, wgt = {}, e = expiresAt, st = "active", wl = c.entryId }
        for n, seat in ipairs(picked) do
          seat.taken = true
          hold.s[n] = seat.id
          hold.ws[n] = seat.section
          hold.wt[n] = seat.tier
          redis.call("HSET", seatsKey, seat.id, c.holdId .. "|" .. c.userId)
          redis.call("HDEL", wlPoolKey, seat.id)
          changes[#changes + 1] = { seatId = seat.id, status = "held" }
        end
      else
        for _, ga in ipairs(gaSections) do
          if fits(c, ga.section, ga.tier) and gaAvailableNow(ga.section) >= c.quantity then
            hold = {
              u = c.userId, s = {}, ws = {}, wt = {}, g = { [ga.section] = c.quantity }, wgt = { [ga.section] = ga.tier },
              e = expiresAt, st = "active", wl = c.entryId,
            }
            redis.call("HINCRBY", gaHeldKey, ga.section, c.quantity)
            changes[#changes + 1] = { sectionId = ga.section, available = gaAvailableNow(ga.section) }
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
    if not seat.taken then redis.call("HSET", wlPoolKey, seat.id, seat.section .. "|" .. seat.tier) end
  end
  for _, ga in ipairs(gaSections) do
    if gaAvailableNow(ga.section) > 0 then
      redis.call("HSET", wlPoolKey, "ga:" .. ga.section, ga.tier)
    else
      redis.call("HDEL", wlPoolKey, "ga:" .. ga.section)
    end
  end
  return offers
end
