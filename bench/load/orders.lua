-- wrk script for bench/load/run.sh: every request places a new order (POST /api/v1/orders) with its own
-- Idempotency-Key; counts statuses and writes which key got which order number, for the check afterwards.
--
-- Configured through the environment (init() arguments do not reach setup()/done()):
--   ORDERS_TOKEN         bearer token of the buyer
--   ORDERS_BODY_FILE     the order_submission envelope with @KEY@ where the key goes
--   ORDERS_RUN_TAG       prefix of every key, so keys of different runs never meet
--   ORDERS_ANSWERS_FILE  where done() writes "key<TAB>order number" for each 2xx answer

local threads = {}
local next_thread_id = 1

function setup(thread)
  thread:set("thread_id", next_thread_id)
  next_thread_id = next_thread_id + 1
  table.insert(threads, thread)
end

-- Per-thread state (each wrk thread has its own Lua state).
local template, token, tag
sent = 0
statuses = {}   -- status code (as a string key: thread:get copies tables of strings/numbers) -> count
answered = {}   -- "key\tnumber" per 2xx answer
unparsed = 0    -- 2xx answers whose body did not name the order and key: the check cannot vouch for them

local function read_file(path)
  local file = assert(io.open(path, "rb"), "cannot read " .. tostring(path))
  local text = file:read("*a")
  file:close()
  return text
end

function init(args)
  token = assert(os.getenv("ORDERS_TOKEN"), "ORDERS_TOKEN is not set")
  template = read_file(assert(os.getenv("ORDERS_BODY_FILE"), "ORDERS_BODY_FILE is not set"))
  tag = assert(os.getenv("ORDERS_RUN_TAG"), "ORDERS_RUN_TAG is not set")
end

function request()
  sent = sent + 1
  local key = string.format("%s-t%d-%d", tag, thread_id, sent)
  -- The key also goes into the checkout note, which the order echoes: that is how an answer is matched to
  -- its key when several connections share this thread.
  local body = template:gsub("@KEY@", key)
  return wrk.format("POST", "/api/v1/orders", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = key,
  }, body)
end

function response(status, headers, body)
  local code = tostring(status)
  statuses[code] = (statuses[code] or 0) + 1
  if status >= 200 and status < 300 then
    local number = body:match('"number":"([^"]*)"')
    local key = body:match("load%-bench:([%w%-]+)")
    if number and key then
      answered[#answered + 1] = key .. "\t" .. number
    else
      unparsed = unparsed + 1
    end
  end
end

local function json_object(entries)
  local parts = {}
  for name, value in pairs(entries) do
    parts[#parts + 1] = string.format("%q:%s", tostring(name), tostring(value))
  end
  table.sort(parts)
  return "{" .. table.concat(parts, ",") .. "}"
end

function done(summary, latency, requests)
  local all_statuses, sent_total, unparsed_total, lines = {}, 0, 0, {}
  for _, thread in ipairs(threads) do
    sent_total = sent_total + thread:get("sent")
    unparsed_total = unparsed_total + thread:get("unparsed")
    for code, count in pairs(thread:get("statuses")) do
      all_statuses[code] = (all_statuses[code] or 0) + count
    end
    for _, line in ipairs(thread:get("answered")) do
      lines[#lines + 1] = line
    end
  end

  local out = assert(io.open(assert(os.getenv("ORDERS_ANSWERS_FILE"), "ORDERS_ANSWERS_FILE is not set"), "wb"))
  out:write(table.concat(lines, "\n"))
  if #lines > 0 then out:write("\n") end
  out:close()

  local ok, not_ok = 0, 0
  for code, count in pairs(all_statuses) do
    local status = tonumber(code)
    if status >= 200 and status < 300 then ok = ok + count else not_ok = not_ok + count end
  end
  local seconds = summary.duration / 1e6
  local ms = function(us) return string.format("%.3f", us / 1000) end
  -- One line, found by its prefix among wrk's own report.
  io.write("ORDERS_SUMMARY ", json_object({
    duration_s = string.format("%.3f", seconds),
    sent = sent_total,
    requests = summary.requests,
    ok = ok,
    non_2xx = not_ok,
    unparsed_2xx = unparsed_total,
    requests_per_second = string.format("%.2f", summary.requests / seconds),
    orders_per_second = string.format("%.2f", ok / seconds),
    statuses = json_object(all_statuses),
    socket_errors = json_object({
      connect = summary.errors.connect, read = summary.errors.read, write = summary.errors.write,
      timeout = summary.errors.timeout,
    }),
    latency_ms = json_object({
      p50 = ms(latency:percentile(50)), p90 = ms(latency:percentile(90)), p99 = ms(latency:percentile(99)),
      max = ms(latency.max), mean = ms(latency.mean),
    }),
  }), "\n")
end
