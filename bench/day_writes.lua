-- wrk script: the day-of-traffic mix's writes, one kind per run, each
-- request a new row (bench/day_routes.sh runs it):
--   wrk -s day_writes.lua URL -- line          a line on the draft estimate of URL
--   wrk -s day_writes.lua URL -- bill TAG PARTY a draft bill of 2 lines, numbered TAG-n
--   wrk -s day_writes.lua URL -- log DAY0       a log of 3 crew rows on day DAY0 + n
--                                               (days since 1970-01-01): one per day
-- The Authorization header comes from wrk's -H.
local kind, tag, party, day0
local n = 0

function init(args)
  kind, tag, party = args[1], args[2], args[3]
  day0 = tonumber(args[2] or "0")
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

-- days since 1970-01-01 as YYYY-MM-DD (the proleptic Gregorian calendar)
local function iso_day(days)
  local z = days + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524)
    - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  local y = yoe + era * 400 + (m <= 2 and 1 or 0)
  return string.format("%04d-%02d-%02d", y, m, d)
end

request = function()
  n = n + 1
  local body
  if kind == "line" then
    body = '{"cost_code":"09-250","cost_type":"labor","description":"Tape and finish, level '
      .. n .. '","quantity":"12.345","unit":"hr","unit_cost_cents":6789,"markup_bps":1250}'
  elseif kind == "bill" then
    body = '{"number":"' .. tag .. '-' .. n .. '","party_id":' .. party
      .. ',"bill_date":"2026-03-02","lines":[{"cost_code":"09-250","cost_type":"subcontract",'
      .. '"description":"Drywall, level 2","amount_cents":123456},{"cost_code":"09-910",'
      .. '"cost_type":"material","description":"Primer, 20 gal","amount_cents":45678}]}'
  else
    body = '{"log_date":"' .. iso_day(day0 + n) .. '","weather":"Overcast","temp_high_c":12,'
      .. '"temp_low_c":4,"work_performed":"Hung board, level 3","crew":[{"trade":"Drywall",'
      .. '"headcount":4,"hours":"32"},{"trade":"Electrical","headcount":2,"hours":"15.5"},'
      .. '{"trade":"Laborers","headcount":1,"hours":"8"}]}'
  end
  return wrk.format(nil, nil, nil, body)
end
