-- wrk script: POSTs /v1/query with the bodies of a file (one JSON query per line), each thread from its own start.
-- usage: wrk ... -s query.lua http://127.0.0.1:PORT -- queries.jsonl
local bodies = {}
local at = 0
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  for line in io.lines(args[1]) do
    bodies[#bodies + 1] = line
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  at = math.random(#bodies)
end

function request()
  at = at % #bodies + 1
  return wrk.format("POST", "/v1/query", headers, bodies[at])
end
