-- wrk script for the rate limiter's many-clients peaks: every request carries X-Forwarded-For with
-- the next of N distinct IPv4 addresses (from 198.18.0.0/15, the range set aside for benchmarks),
-- round robin, so a server that trusts the load generator as a proxy keeps one bucket per address.
-- Arguments: the path, then N (default 10000, at most 128,000). The requests are built once in
-- init, so sending one costs wrk no more than a plain run does.
local requests = {}
local sent = 0

function init(args)
  local path = args[1] or "/"
  local n = tonumber(args[2] or "10000")
  for i = 0, n - 1 do
    local block = math.floor(i / 250)
    local address = string.format("198.%d.%d.%d", 18 + math.floor(block / 256), block % 256, i % 250 + 1)
    requests[i + 1] = wrk.format("GET", path, { ["X-Forwarded-For"] = address })
  end
end

function request()
  sent = sent + 1
  return requests[(sent - 1) % #requests + 1]
end
