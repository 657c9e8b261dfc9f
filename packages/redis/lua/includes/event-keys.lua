-- The event's keys, in the order every hold script receives them (see inventoryKeyNames in src/keys.ts).
local seatsKey = KEYS[1]      -- HASH seatId -> "<holdId>|<userId>" (held), "s" (sold), "b" (blocked)
local holdsKey = KEYS[2]      -- HASH holdId -> JSON { u = userId, s = {seatIds}, g = {sectionId = qty}, e = expiresAtMs, st = "active"|"checkout" }
local userHeldKey = KEYS[3]   -- HASH userId -> tickets held now; "<userId>#holds" -> JSON array of hold ids
local expiryKey = KEYS[4]     -- ZSET holdId by expiresAtMs
local gaHeldKey = KEYS[5]     -- HASH sectionId -> general-admission tickets held now
local gaAvailableKey = KEYS[6] -- HASH sectionId -> general-admission capacity not sold or blocked
local seqKey = KEYS[7]        -- STRING the event's change sequence
local changesKey = KEYS[8]    -- STREAM of changes, entry id "<seq>-1"
local loadedKey = KEYS[9]     -- STRING set once sold/blocked inventory was copied from Postgres
local boughtKey = KEYS[10]    -- HASH userId -> valid tickets bought; "order:<orderId>" -> tickets counted, or "r" (returned)
