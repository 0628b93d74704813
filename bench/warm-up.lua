-- wrk script for the server warm-up: cycles through the read endpoints given as arguments,
-- every other round with the token in MACH_TOKEN (the feed always with it), so both the
-- anonymous and the signed-in code paths are compiled before anything is measured.
local paths = {}
local token = os.getenv("MACH_TOKEN")
local sent = 0

function init(args)
  for _, path in ipairs(args) do
    paths[#paths + 1] = path
  end
end

function request()
  sent = sent + 1
  local path = paths[(sent % #paths) + 1]
  local round = math.floor(sent / #paths)
  local headers = {}
  if token and (round % 2 == 0 or path:find("/feed", 1, true)) then
    headers["Authorization"] = "Token " .. token
  end
  return wrk.format("GET", path, headers)
end
