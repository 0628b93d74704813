-- wrk script for the batch server's second warm-up: every request is one POST /api/batch of the
-- paths given as arguments (the batch comparison's twenty reads), signed in with MACH_TOKEN, so
-- the batch path is compiled as fully as the reads the first warm-up sent one by one.
local body
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  local items = {}
  for _, path in ipairs(args) do
    items[#items + 1] = '{"method":"GET","path":"' .. path .. '"}'
  end
  body = '{"requests":[' .. table.concat(items, ",") .. ']}'
  local token = os.getenv("MACH_TOKEN")
  if token then
    headers["Authorization"] = "Token " .. token
  end
end

function request()
  return wrk.format("POST", "/api/batch", headers, body)
end
