-- The waiting room's keys, in the order every queue script receives them (see waitingRoomKeyNames in src/keys.ts).
local preKey = KEYS[1]        -- HASH userId -> pre-queue entry id (joined before the start)
local preOrderKey = KEYS[2]   -- ZSET entry id by arrival order (the record the fairness shuffle is computed from)
local lineKey = KEYS[3]       -- ZSET userId by place in line (1, 2, …) — only fans still waiting
local placeKey = KEYS[4]      -- HASH userId -> place, kept after admission so a fan's place never changes
local stateKey = KEYS[5]      -- HASH started (0/1), tail (last place given), head (highest place admitted), admitted (count)
local activeKey = KEYS[6]     -- ZSET userId by shopping-window end: admitted fans who may still shop
local fenceKey = KEYS[7]      -- STRING the fencing token of the admitter lease holder
local leftKey = KEYS[8]       -- LIST places given up by fans who left while waiting, in the order they left
