-- wrk script for one GET page: sends the signed-in session cookie (env WRK_COOKIE), counts every response that is
-- not a 200 (a redirect to the login page measures nothing), and prints one parseable line at the end:
-- RESULT rps=<req/s> p50=<ms> p95=<ms> p99=<ms> requests=<n> non200=<n> socket_errors=<n>
-- With WRK_PORTS="5599 5600" (two app instances) the threads connect to those ports in turn, each thread with its
-- share of the connections; the host in the URL stays the same, and wrk keeps one latency histogram for all of them.
local threads = {}
local ports = {}
for port in string.gmatch(os.getenv("WRK_PORTS") or "", "%d+") do
  table.insert(ports, port)
end

function setup(thread)
  table.insert(threads, thread)
  if #ports > 1 then
    local port = ports[((#threads - 1) % #ports) + 1]
    thread.addr = wrk.lookup(wrk.host, port)[1]
  end
end

function init(args)
  non200 = 0
  wrk.headers["Cookie"] = os.getenv("WRK_COOKIE") or ""
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("non200") or 0)
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.1f p50=%.2f p95=%.2f p99=%.2f requests=%d non200=%d socket_errors=%d\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, bad, e.connect + e.read + e.write + e.timeout))
end
