"""The day of traffic's request list (issue 24): the mix of the team's table,
with its ids picked from one seeded organisation by a fixed seed, so that
our server and the peer are sent the same requests in the same order.

    DATABASE_URL=postgresql://... /usr/bin/python3 bench/day_of_traffic_requests.py \
        ORG_ID [--count N] [--seed S] > requests.tsv

One request a line for bench/traffic_driver.cpp, tab-separated: route name,
method, path, auth (`cookie`: the logged-in session; `bearer`: the API
token), JSON body. The list comes in blocks of 100 holding each route as
often as its weight, shuffled, so that any 100 requests in a row are the mix.
Ids come from the organisation's active projects, their pay applications
and their draft estimates; vendors and subcontractors for bills and crews;
search terms are words of its projects' names. Writes carry `{seq}` (the
request's number in the run: a bill number no one has used) and
`{seq_date}` (a day before 2000 no log is on: one log per project and day).
"""

import argparse
import json
import os
import random
import re
import sys
import urllib.parse

import psycopg2

# (route, weight per 100, method, path, auth); {p} a project, {e} a draft
# estimate, {a} a pay application, {q} a search term.
MIX = [
    ("page /", 12, "GET", "/", "cookie"),
    ("page /projects", 8, "GET", "/projects", "cookie"),
    ("page /projects?q=", 5, "GET", "/projects?q={q}", "cookie"),
    ("page estimates tab", 8, "GET", "/projects/{p}/estimates", "cookie"),
    ("page estimate", 7, "GET", "/estimates/{e}", "cookie"),
    ("page pay application", 8, "GET", "/pay-applications/{a}", "cookie"),
    ("page budget", 6, "GET", "/projects/{p}/budget", "cookie"),
    ("page daily logs", 6, "GET", "/projects/{p}/daily-logs", "cookie"),
    ("api projects", 6, "GET", "/api/v1/projects", "bearer"),
    ("api project", 4, "GET", "/api/v1/projects/{p}", "bearer"),
    ("api pay application", 5, "GET", "/api/v1/pay-applications/{a}", "bearer"),
    ("api vendor bills", 5, "GET", "/api/v1/projects/{p}/vendor-bills", "bearer"),
    ("api budget", 5, "GET", "/api/v1/projects/{p}/budget", "bearer"),
    ("write estimate line", 4, "POST", "/api/v1/estimates/{e}/lines", "bearer"),
    ("write vendor bill", 3, "POST", "/api/v1/projects/{p}/vendor-bills", "bearer"),
    ("write daily log", 3, "POST", "/api/v1/projects/{p}/daily-logs", "bearer"),
    ("pdf pay application", 5, "GET", "/api/v1/pay-applications/{a}/pdf", "bearer"),
]
assert sum(w for _, w, *_ in MIX) == 100

COST_CODES = [("03-300", "Cast-in-place concrete"), ("05-120", "Structural steel"),
              ("06-100", "Rough carpentry"), ("09-250", "Gypsum board"),
              ("09-900", "Painting"), ("26-050", "Electrical")]
COST_TYPES = ["labor", "material", "equipment", "subcontract", "other"]
TRADES = ["Carpenters", "Electricians", "Labourers", "Plumbers", "Drywall", "Painters"]
WEATHER = ["Sunny", "Overcast", "Light rain", "Windy", "Cold, dry"]


def ids(cur, query, org):
    cur.execute(query, (org,))
    return [row[0] for row in cur.fetchall()]


def pick_data(url, org):
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        active = "SELECT id FROM projects WHERE org_id = %s AND status = 'active'"
        data = {
            "p": ids(cur, active + " ORDER BY id", org),
            "a": ids(cur, f"SELECT id FROM pay_applications WHERE project_id IN ({active}) ORDER BY id", org),
            "e": ids(cur, f"SELECT id FROM estimates WHERE status = 'draft' AND project_id IN ({active}) "
                          "ORDER BY id", org),
            "party": ids(cur, "SELECT id FROM parties WHERE org_id = %s AND kind IN ('vendor', 'subcontractor') "
                              "ORDER BY id", org),
        }
        cur.execute("SELECT name FROM projects WHERE org_id = %s ORDER BY id", (org,))
        words = set()
        for (name,) in cur.fetchall():
            words.update(w.lower() for w in re.findall(r"[^\W\d_]{4,}", name))
        data["q"] = sorted(words)
    for key, found in data.items():
        if not found:
            sys.exit(f"day_of_traffic_requests.py: organisation {org} has no {key} to pick from")
    return data


def body(route, rng, data):
    if route == "write estimate line":
        code, what = rng.choice(COST_CODES)
        return {"cost_code": code, "cost_type": rng.choice(COST_TYPES), "description": f"{what}, added {{seq}}",
                "quantity": str(rng.randint(1, 400)), "unit": "ea", "unit_cost_cents": rng.randint(500, 250000),
                "markup_bps": rng.choice([1000, 1500, 2000, 3500]), "taxable": rng.random() < 0.5}
    if route == "write vendor bill":
        lines = []
        for _ in range(2):
            code, what = rng.choice(COST_CODES)
            lines.append({"cost_code": code, "cost_type": rng.choice(["material", "subcontract", "equipment"]),
                          "description": what, "amount_cents": rng.randint(10000, 5000000)})
        return {"number": "DT-{seq}", "party_id": rng.choice(data["party"]), "bill_date": "2026-11-30",
                "due_date": "2026-12-30", "lines": lines}
    if route == "write daily log":
        crew = [{"party_id": rng.choice(data["party"]), "trade": trade, "headcount": rng.randint(1, 8),
                 "hours": str(rng.choice([4, 6, 8]))} for trade in rng.sample(TRADES, 3)]
        return {"log_date": "{seq_date}", "weather": rng.choice(WEATHER), "temp_high_c": rng.randint(5, 25),
                "temp_low_c": rng.randint(-5, 4), "work_performed": "Framing and services on level "
                f"{rng.randint(1, 9)}", "delays": "", "crew": crew}
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("org", type=int)
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=24)
    args = ap.parse_args()
    data = pick_data(os.environ["DATABASE_URL"], args.org)
    rng = random.Random(args.seed)
    block = [entry for entry in MIX for _ in range(entry[1])]
    out = sys.stdout
    out.write(f"# {args.count} requests, seed {args.seed}, organisation {args.org}: {len(data['p'])} active "
              f"projects, {len(data['a'])} pay applications, {len(data['e'])} draft estimates\n")
    for start in range(0, args.count, 100):
        order = block[:]
        rng.shuffle(order)
        for route, _, method, path, auth in order[:args.count - start]:
            path = path.format(p=rng.choice(data["p"]), e=rng.choice(data["e"]), a=rng.choice(data["a"]),
                               q=urllib.parse.quote(rng.choice(data["q"])))
            b = body(route, rng, data)
            text = json.dumps(b, ensure_ascii=False, separators=(",", ":")) if b is not None else ""
            out.write(f"{route}\t{method}\t{path}\t{auth}\t{text}\n")


if __name__ == "__main__":
    main()
