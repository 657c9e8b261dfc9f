-- A fan's bought count is the sum of their orders' tickets. Each order is counted once: its field
-- "order:<orderId>" holds the tickets it added, or "r" once returned. So a sale converted twice (after the commit
-- and again by the outbox), or returned before its conversion ran, moves the fan's count once or not at all.
local function countBought(orderId, userId, tickets)
  if redis.call("HSETNX", boughtKey, "order:" .. orderId, tickets) == 1 then
    redis.call("HINCRBY", boughtKey, userId, tickets)
  end
end

local function uncountBought(orderId, userId)
  local counted = tonumber(redis.call("HGET", boughtKey, "order:" .. orderId))
  redis.call("HSET", boughtKey, "order:" .. orderId, "r")
  if counted and redis.call("HINCRBY", boughtKey, userId, -counted) <= 0 then
    redis.call("HDEL", boughtKey, userId)
  end
end

-- An accepted transfer moves its tickets from one fan's count to another's, once: its field "transfer:<id>" holds
-- the tickets moved, or "r" once its order was returned. A count may go below zero for a moment (a transfer of an
-- order whose sale this Redis has not counted yet); the sale's count brings it back.
local function moveBought(transferId, fromUserId, toUserId, tickets)
  if redis.call("HSETNX", boughtKey, "transfer:" .. transferId, tickets) == 1 then
    if redis.call("HINCRBY", boughtKey, fromUserId, -tickets) == 0 then redis.call("HDEL", boughtKey, fromUserId) end
    redis.call("HINCRBY", boughtKey, toUserId, tickets)
  end
end

-- The order a transfer came from was returned: the move is undone (or, not made yet, never made).
local function unmoveBought(transferId, fromUserId, toUserId)
  local moved = tonumber(redis.call("HGET", boughtKey, "transfer:" .. transferId))
  redis.call("HSET", boughtKey, "transfer:" .. transferId, "r")
  if moved then
    redis.call("HINCRBY", boughtKey, fromUserId, moved)
    if redis.call("HINCRBY", boughtKey, toUserId, -moved) == 0 then redis.call("HDEL", boughtKey, toUserId) end
  end
end

-- A resold ticket leaves its seller's count once: its field "resale:<listingId>" marks the move. (The buyer's order
-- counts it with the rest of their order.)
local function resoldBought(listingId, sellerId)
  if redis.call("HSETNX", boughtKey, "resale:" .. listingId, 1) == 1 then
    if redis.call("HINCRBY", boughtKey, sellerId, -1) == 0 then redis.call("HDEL", boughtKey, sellerId) end
  end
end
