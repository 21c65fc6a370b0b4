# Sourced by bench/pages_billing.sh and bench/pdfs.sh: a pay application of
# 12 lines (the demo's largest has 8). A job whose accepted estimate has 12
# cost codes (one SOV line each), its first application with every line
# billed and three with stored materials. The caller defines
#   post PATH JSON [METHOD]   the answer's body; anything but 2xx stops the run
#   id_of                     the "id" of the JSON on stdin
# and $python; twelve_trades_pay_application prints the application's id.
twelve_trades_pay_application() {
  local twelve estimate_lines estimate pay_body pay_app k line_id scheduled stored
  twelve=$(post /api/v1/projects '{"number":"2026-090","name":"Medical office shell, 12 trades"}' | id_of)
  estimate_lines=$("$python" -c 'import json
trades = ["01-100 General conditions", "02-200 Demolition", "03-300 Concrete", "05-500 Metals",
          "06-100 Rough carpentry", "07-200 Insulation", "08-100 Doors and frames",
          "09-250 Drywall", "09-900 Painting", "22-100 Plumbing", "23-300 HVAC ductwork",
          "26-100 Electrical"]
print(json.dumps([{"cost_code": t[:6], "cost_type": "subcontract", "description": t[7:],
                   "quantity": "1", "unit": "ls", "unit_cost_cents": 1000000 + 137500 * i,
                   "markup_bps": 1500} for i, t in enumerate(trades)]))')
  estimate=$(post "/api/v1/projects/$twelve/estimates" "{\"title\":\"Shell\",\"lines\":$estimate_lines}" | id_of)
  post "/api/v1/estimates/$estimate/send" '{"to":["owner@example.com"]}' >/dev/null
  post "/api/v1/estimates/$estimate/accept" '' >/dev/null
  pay_body=$(post "/api/v1/projects/$twelve/pay-applications" '{"period_to":"2026-11-30"}')
  pay_app=$(id_of <<<"$pay_body")
  k=0
  while read -r line_id scheduled; do
    k=$((k + 1))
    stored=0
    [ $((k % 4)) = 0 ] && stored=$((scheduled / 10))
    post "/api/v1/pay-applications/$pay_app/lines/$line_id" \
      "{\"this_period_cents\":$((scheduled * (10 + 5 * (k % 5)) / 100)),\"stored_cents\":$stored}" PATCH >/dev/null
  done < <("$python" -c 'import json, sys
for l in json.load(sys.stdin)["lines"]: print(l["id"], l["scheduled_value_cents"])' <<<"$pay_body")
  echo "$pay_app"
}
