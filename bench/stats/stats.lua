-- wrk script of the statistics benchmark: signed-in GETs of dashboard endpoints.
--   wrk -t2 -c8 -d30s --timeout 30s -s stats.lua http://127.0.0.1:PORT -- COOKIE PATHS_FILE [random]
-- COOKIE is "mvis_session=…" of a signed-in account; PATHS_FILE holds one request path per line
-- (with its query string). Paths are taken in turn, or at random with a third argument "random".
-- done() prints one JSON line with the request count, errors and latency percentiles (µs), which
-- bench.py reads.

local paths = {}
local pick_random = false
local counter = 0

function init(args)
  wrk.headers["Cookie"] = args[1]
  wrk.headers["Accept"] = "application/json"
  for line in io.lines(args[2]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  pick_random = args[3] == "random"
  -- threads start at different offsets so that two threads do not ask the same path in step
  local addr = tostring({}):match("0x(%x+)") or "0"
  math.randomseed(os.time() + tonumber(addr, 16) % 1000003)
  counter = math.random(0, #paths - 1)
end

function request()
  local p
  if pick_random then
    p = paths[math.random(1, #paths)]
  else
    counter = counter + 1
    p = paths[(counter % #paths) + 1]
  end
  return wrk.format("GET", p)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "non2xx": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "timeouts": %d, "p50_us": %.1f, "p95_us": %.1f, ' ..
    '"p99_us": %.1f, "max_us": %.1f, "mean_us": %.1f}\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    latency.mean))
end
