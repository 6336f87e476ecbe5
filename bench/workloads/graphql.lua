-- wrk script: POSTs one GraphQL operation (file in env QUERY_FILE) with random variables (env WORKLOAD),
-- and counts answers that carry GraphQL errors, so a benchmark of failures is noticed.
local f = assert(io.open(os.getenv("QUERY_FILE"), "r"))
local query = f:read("*a"):gsub("\n", " "):gsub('"', '\\"')
f:close()
local workload = os.getenv("WORKLOAD")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  errors = 0
  compiled = 0
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

local function variables()
  if workload == "q1" then
    return string.format('{"id":%d}', math.random(1, 1000))
  elseif workload == "q2" then
    return string.format('{"id":%d}', math.random(1, 100000))
  elseif workload == "q4" then
    local e = math.random(1, 100000)
    local x = (math.random(0, 1) == 0) and "full-time" or "part-time"
    return string.format('{"d":%d,"e":%d,"x":"%s"}', ((e - 1) % 1000) + 1, e, x)
  elseif workload == "q4h" then
    -- the hot row: every request updates the same link, as a popular row is in real use
    local x = (math.random(0, 1) == 0) and "full-time" or "part-time"
    return string.format('{"d":1,"e":1,"x":"%s"}', x)
  end
  return '{}'
end

-- PERSISTED=<sha256 of the query file's text>: send the hash alone (Apollo's persisted queries), as a
-- client does once the document is registered (bench/persisted.sh registers it first)
local persisted = os.getenv("PERSISTED")

function request()
  if persisted and persisted ~= "" then
    return wrk.format(nil, "/graphql", nil, '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"' .. persisted
      .. '"}},"variables":' .. variables() .. '}')
  end
  return wrk.format(nil, "/graphql", nil, '{"query":"' .. query .. '","variables":' .. variables() .. '}')
end

function response(status, headers, body)
  if status ~= 200 or body:find('"errors"', 1, true) then
    errors = errors + 1
  end
  -- which engine answered (the request pipeline names it in every response)
  if headers["X-Relgraph-Engine"] == "compiled" then
    compiled = compiled + 1
  end
end

function done(summary, latency, requests)
  local total, comp = 0, 0
  for _, t in ipairs(threads) do
    total = total + t:get("errors")
    comp = comp + t:get("compiled")
  end
  io.write(string.format("RESULT requests=%d errors=%d compiled=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, total, comp, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
