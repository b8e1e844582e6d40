"""The Redis backend's Lua scripts: each operation is one script, so it is atomic on the server.

Numbers are whole milliseconds and micro-dollars (exact in Lua's doubles below 2**53).

Rate-limit key K (``<prefix>rl:K``) is three keys: ``:z`` ZSET member → timestamp ms, ``:a`` HASH
member → amount, ``:t`` the running sum of the amounts. All three are written together, expire
together (PEXPIRE to the window on every write) and are deleted together when the window empties.

Budget (scope, period) is five keys: ``:spent`` micro-dollars (no expiry), ``:res`` HASH request id →
reserved micro-dollars, ``:rexp`` ZSET request id → reservation expiry ms, ``:rsum`` the running sum
of ``:res`` (these three written and expired together), and ``:done`` ZSET request id → commit time
ms (the ids committed within ``committed_ttl``).
"""

from __future__ import annotations

__all__ = [
    "ACQUIRE",
    "ADJUST",
    "BUDGET_COMMIT",
    "BUDGET_RELEASE",
    "BUDGET_RESERVE",
    "BUDGET_USAGE",
    "CIRCUIT_OPEN",
    "LIMIT_RELEASE",
]

_TRIM = """
-- Drop the entries at or before the cutoff; return the window's sum after that.
local function trim(z, a, t, cutoff)
  local total = tonumber(redis.call('GET', t) or '0')
  local old = redis.call('ZRANGEBYSCORE', z, '-inf', cutoff)
  if #old == 0 then
    return total
  end
  for _, m in ipairs(old) do
    total = total - tonumber(redis.call('HGET', a, m) or '0')
    redis.call('HDEL', a, m)
  end
  redis.call('ZREMRANGEBYSCORE', z, '-inf', cutoff)
  if redis.call('ZCARD', z) == 0 then
    redis.call('DEL', z, a, t)
    return 0
  end
  redis.call('SET', t, total, 'KEEPTTL')
  return total
end
"""

ACQUIRE = (
    _TRIM
    + """
-- KEYS: (z, a, t) per limit. ARGV: now_ms, member, then (limit, amount, window_ms) per limit.
-- Returns (usage, code) per limit; code 0 = fits, -1 = amount > limit, else ms until it fits.
-- Records the member in every window only when every limit fits.
local now = tonumber(ARGV[1])
local member = ARGV[2]
local n = #KEYS / 3

local function wait_ms(z, a, excess, window)
  local freed = 0
  local start = 0
  while true do
    local page = redis.call('ZRANGE', z, start, start + 99, 'WITHSCORES')
    if #page == 0 then
      return window
    end
    for j = 1, #page, 2 do
      if page[j] ~= member then
        freed = freed + tonumber(redis.call('HGET', a, page[j]) or '0')
        if freed >= excess then
          return tonumber(page[j + 1]) + window - now
        end
      end
    end
    start = start + 100
  end
end

local out = {}
local fits = true
for i = 1, n do
  local z, a, t = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  local limit = tonumber(ARGV[3 * i])
  local amount = tonumber(ARGV[3 * i + 1])
  local window = tonumber(ARGV[3 * i + 2])
  local usage = trim(z, a, t, now - window) - tonumber(redis.call('HGET', a, member) or '0')
  local code = 0
  if amount > limit then
    code = -1
  elseif usage + amount > limit then
    code = wait_ms(z, a, usage + amount - limit, window)
  end
  if code ~= 0 then
    fits = false
  end
  out[2 * i - 1] = usage
  out[2 * i] = code
end

if fits then
  for i = 1, n do
    local z, a, t = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
    local amount = tonumber(ARGV[3 * i + 1])
    local window = tonumber(ARGV[3 * i + 2])
    local total = tonumber(redis.call('GET', t) or '0') - tonumber(redis.call('HGET', a, member) or '0') + amount
    redis.call('ZADD', z, ARGV[1], member)
    redis.call('HSET', a, member, ARGV[3 * i + 1])
    redis.call('SET', t, total, 'KEEPTTL')
    for _, k in ipairs({z, a, t}) do
      if redis.call('PTTL', k) < window then
        redis.call('PEXPIRE', k, window)
      end
    end
  end
end
return out
"""
)

ADJUST = (
    _TRIM
    + """
-- KEYS: z, a, t. ARGV: now_ms, member, amount, window_ms. Returns 1 if the live entry was set.
trim(KEYS[1], KEYS[2], KEYS[3], tonumber(ARGV[1]) - tonumber(ARGV[4]))
local old = redis.call('HGET', KEYS[2], ARGV[2])
if not old then
  return 0
end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('INCRBY', KEYS[3], tonumber(ARGV[3]) - tonumber(old))
return 1
"""
)

LIMIT_RELEASE = """
-- KEYS: (z, a, t) per limit. ARGV: member. Removes the member's entry from every window.
for i = 1, #KEYS / 3 do
  local z, a, t = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  local old = redis.call('HGET', a, ARGV[1])
  if old then
    redis.call('HDEL', a, ARGV[1])
    redis.call('ZREM', z, ARGV[1])
    if redis.call('ZCARD', z) == 0 then
      redis.call('DEL', z, a, t)
    else
      redis.call('DECRBY', t, old)
    end
  end
end
return 0
"""

_RESERVATIONS = """
-- Apply delta to a budget's running sum of reservations (gone with the hash once it is empty).
local function settle(res_k, sum_k, delta)
  if redis.call('EXISTS', res_k) == 0 then
    redis.call('DEL', sum_k)
  elseif delta ~= 0 then
    redis.call('INCRBY', sum_k, delta)
  end
end

-- Drop the reservations that expired at or before now.
local function drop_expired(res_k, exp_k, sum_k, now_arg)
  local gone = redis.call('ZRANGEBYSCORE', exp_k, '-inf', now_arg)
  if #gone == 0 then
    return
  end
  local freed = 0
  for _, rid in ipairs(gone) do
    freed = freed + tonumber(redis.call('HGET', res_k, rid) or '0')
    redis.call('HDEL', res_k, rid)
  end
  redis.call('ZREMRANGEBYSCORE', exp_k, '-inf', now_arg)
  settle(res_k, sum_k, -freed)
end

-- Drop one request's reservation, if any.
local function drop(res_k, exp_k, sum_k, rid)
  local old = redis.call('HGET', res_k, rid)
  if old then
    redis.call('HDEL', res_k, rid)
    redis.call('ZREM', exp_k, rid)
    settle(res_k, sum_k, -tonumber(old))
  end
end
"""

BUDGET_RESERVE = (
    _RESERVATIONS
    + """
-- KEYS: (spent, res, rexp, done, rsum) per budget. ARGV: now_ms, request_id, ttl_ms,
-- committed_ttl_ms, then (limit or -1, amount) per budget. Returns (status, spent, reserved by
-- others) per budget; status 0 = fits, 1 = over the limit, 2 = already committed. Reserves (or
-- replaces this request's reservation) only if no budget is over its limit.
local now = tonumber(ARGV[1])
local rid = ARGV[2]
local ttl = tonumber(ARGV[3])
local dttl = tonumber(ARGV[4])
local n = #KEYS / 5
local out = {}
local status = {}
local over = false
for i = 1, n do
  local spent_k, res_k, exp_k = KEYS[5 * i - 4], KEYS[5 * i - 3], KEYS[5 * i - 2]
  local done_k, sum_k = KEYS[5 * i - 1], KEYS[5 * i]
  local limit = tonumber(ARGV[3 + 2 * i])
  local amount = tonumber(ARGV[4 + 2 * i])
  drop_expired(res_k, exp_k, sum_k, ARGV[1])
  local spent = tonumber(redis.call('GET', spent_k) or '0')
  local reserved = tonumber(redis.call('GET', sum_k) or '0') - tonumber(redis.call('HGET', res_k, rid) or '0')
  local committed = redis.call('ZSCORE', done_k, rid)
  local st = 0
  if committed and tonumber(committed) > now - dttl then
    st = 2
  elseif limit >= 0 and spent + reserved + amount > limit then
    st = 1
    over = true
  end
  status[i] = st
  out[3 * i - 2] = st
  out[3 * i - 1] = spent
  out[3 * i] = reserved
end
if not over then
  for i = 1, n do
    if status[i] == 0 then
      local res_k, exp_k, sum_k = KEYS[5 * i - 3], KEYS[5 * i - 2], KEYS[5 * i]
      local amount = tonumber(ARGV[4 + 2 * i])
      local own = tonumber(redis.call('HGET', res_k, rid) or '0')
      redis.call('HSET', res_k, rid, ARGV[4 + 2 * i])
      redis.call('ZADD', exp_k, now + ttl, rid)
      redis.call('INCRBY', sum_k, amount - own)
      for _, k in ipairs({res_k, exp_k, sum_k}) do
        if redis.call('PTTL', k) < ttl then
          redis.call('PEXPIRE', k, ttl)
        end
      end
    end
  end
end
return out
"""
)

BUDGET_COMMIT = (
    _RESERVATIONS
    + """
-- KEYS: (spent, res, rexp, done, rsum) per budget. ARGV: now_ms, request_id, cost, committed_ttl_ms.
-- Adds the cost and drops the reservation where the id was not committed within the ttl.
-- Returns how many budgets counted it.
local now = tonumber(ARGV[1])
local rid = ARGV[2]
local dttl = tonumber(ARGV[4])
local done = 0
for i = 1, #KEYS / 5 do
  local spent_k, res_k, exp_k = KEYS[5 * i - 4], KEYS[5 * i - 3], KEYS[5 * i - 2]
  local done_k, sum_k = KEYS[5 * i - 1], KEYS[5 * i]
  redis.call('ZREMRANGEBYSCORE', done_k, '-inf', now - dttl)
  if not redis.call('ZSCORE', done_k, rid) then
    redis.call('INCRBY', spent_k, ARGV[3])
    drop(res_k, exp_k, sum_k, rid)
    redis.call('ZADD', done_k, ARGV[1], rid)
    if redis.call('PTTL', done_k) < dttl then
      redis.call('PEXPIRE', done_k, dttl)
    end
    done = done + 1
  end
end
return done
"""
)

BUDGET_RELEASE = (
    _RESERVATIONS
    + """
-- KEYS: (res, rexp, rsum) per budget. ARGV: request_id. Drops the reservation everywhere.
for i = 1, #KEYS / 3 do
  drop(KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i], ARGV[1])
end
return 0
"""
)

BUDGET_USAGE = """
-- KEYS: spent, res, rexp, rsum. ARGV: now_ms. Returns (spent, sum of the live reservations);
-- read-only: reservations expired but not dropped yet are subtracted, not deleted.
local spent = tonumber(redis.call('GET', KEYS[1]) or '0')
local reserved = tonumber(redis.call('GET', KEYS[4]) or '0')
for _, rid in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[1])) do
  reserved = reserved - tonumber(redis.call('HGET', KEYS[2], rid) or '0')
end
return {spent, reserved}
"""

CIRCUIT_OPEN = """
-- KEYS: the circuit HASH (deployment -> open-until ms). ARGV: deployment, until_ms, now_ms.
-- Drops past entries, keeps the later open-until, expires the hash with its latest entry.
local until_ms = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local latest = 0
local fields = redis.call('HGETALL', KEYS[1])
for j = 1, #fields, 2 do
  local v = tonumber(fields[j + 1])
  if v <= now then
    redis.call('HDEL', KEYS[1], fields[j])
  elseif v > latest then
    latest = v
  end
end
if until_ms > now then
  local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
  if until_ms > current then
    redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  end
  if until_ms > latest then
    latest = until_ms
  end
end
if latest > now then
  redis.call('PEXPIRE', KEYS[1], latest - now)
end
return 0
"""
