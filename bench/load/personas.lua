-- wrk script: every request is made as one of many pre-logged-in personas.
--
--   wrk -t2 -c16 -d20s --latency -s bench/load/personas.lua http://127.0.0.1:8077 -- requests.tsv
--
-- requests.tsv (written by bench/load/run_load.py) holds one request per line, fields separated by
-- tabs: method, path, body (may be empty), then any number of "Header: value" fields (the persona's
-- Cookie with its session and csrftoken, X-CSRFToken, Authorization, HX-Request...). Each thread
-- starts at its own place in the file and takes the next line for every request, so 16 connections
-- act as every persona in turn instead of one user repeated. done() prints one JSON line.

local requests = {}
local index = 1
local threads = {}
local started = 0

function setup(thread)
  started = started + 1
  thread:set("thread_number", started)
  table.insert(threads, thread)
end

local function split(line)
  local fields = {}
  local start = 1
  while true do
    local tab = string.find(line, "\t", start, true)
    if not tab then
      table.insert(fields, string.sub(line, start))
      return fields
    end
    table.insert(fields, string.sub(line, start, tab - 1))
    start = tab + 1
  end
end

function init(args)
  local path = args[1]
  if not path then
    error("give the request file after --")
  end
  for line in io.lines(path) do
    if #line > 0 then
      local f = split(line)
      local headers = {}
      for k = 4, #f do
        local name, value = string.match(f[k], "^([^:]+):%s*(.*)$")
        if name then
          headers[name] = value
        end
      end
      local body = f[3]
      if body == "" then
        body = nil
      end
      table.insert(requests, wrk.format(f[1], f[2], headers, body))
    end
  end
  if #requests == 0 then
    error("no request in " .. path)
  end
  -- Spread the threads over the personas: thread n starts n/threads of the way through the file.
  local n = tonumber(thread_number) or 1
  local total = tonumber(args[2]) or 2
  index = (math.floor((n - 1) * #requests / total) % #requests) + 1
end

function request()
  local r = requests[index]
  index = index + 1
  if index > #requests then
    index = 1
  end
  return r
end

function done(summary, latency, _)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'JSON {"requests": %d, "seconds": %.3f, "rps": %.2f, "p50_ms": %.2f, "p95_ms": %.2f, ' ..
    '"p99_ms": %.2f, "mean_ms": %.2f, "max_ms": %.2f, "bytes": %d, "err_connect": %d, ' ..
    '"err_read": %d, "err_write": %d, "err_status": %d, "err_timeout": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000, latency.max / 1000, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout))
end
