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
