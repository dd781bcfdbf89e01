-- The query mix of scripts/bench/serve-load.sh (wrk). `ids` (event ids) and `names` (places
-- and actors of stored events: what analysts search for) come from ids.lua, written by the
-- script into its working folder.
dofile("ids.lua")

-- Words in most articles: the costliest full-text queries (KIND=common only).
local common = {"killed", "police", "protest", "attack"}

local function escape(s)
  return (s:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local types = {"Battles", "Explosions/Remote violence", "Violence against civilians",
               "Protests", "Riots", "Strategic developments"}

local function day(doy)
  -- A date of 2025 (the generated corpus's year) from its day of the year.
  local t = os.time({year = 2025, month = 1, day = 1, hour = 12}) + (doy - 1) * 86400
  return os.date("!%Y-%m-%d", t)
end

function setup(thread)
  thread:set("seed", math.random(1, 1e9))
end

function init(args)
  math.randomseed(seed or os.time())
end

-- KIND=week|type|bbox|text|event|timeline|common runs one kind of query only.
local only = ({week = 1, type = 31, bbox = 46, text = 61, event = 71, timeline = 91,
               common = 101})[os.getenv("KIND") or ""]

request = function()
  local r = only or math.random(100)
  local path
  if r <= 30 then
    local d = math.random(1, 358)
    path = "/api/events?from=" .. day(d) .. "&to=" .. day(d + 6) .. "&limit=50"
  elseif r <= 45 then
    path = "/api/events?type=" .. types[math.random(#types)]:gsub("/", "%%2F"):gsub(" ", "%%20")
        .. "&limit=100&offset=" .. math.random(0, 2000)
  elseif r <= 60 then
    local lon, lat = math.random(-20, 120), math.random(-35, 55)
    path = string.format("/api/events?bbox=%d,%d,%d,%d&limit=100", lon, lat, lon + 10, lat + 10)
  elseif r <= 70 then
    path = "/api/events?q=" .. escape(names[math.random(#names)]) .. "&limit=50"
  elseif r <= 90 then
    path = "/api/events/" .. ids[math.random(#ids)]
  elseif r <= 100 then
    local d = math.random(1, 330)
    path = "/api/timeline?from=" .. day(d) .. "&to=" .. day(d + 30)
  else
    local d = math.random(1, 300)
    path = "/api/events?q=" .. common[math.random(#common)] .. "&from=" .. day(d) .. "&to=" .. day(d + 30) .. "&limit=50"
  end
  return wrk.format("GET", path)
end
