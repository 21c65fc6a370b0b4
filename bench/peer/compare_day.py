"""Does the day-of-traffic peer (day_app.py) show what ours shows, route by
route, for the same ids on the same database? One line per route, the
difference under it; exit status 1 when a route differs.

    python3 compare_day.py --ours URL --peer URL --token TOKEN --session OURS_COOKIE \
        --peer-session PEER_COOKIE [--write-estimate ID --write-project ID] PATH...

A PATH is a GET of the mix (`/projects/12/budget`, `/api/v1/projects`, …),
compared by what it answers:
  HTML  the <main> element, as compare_pages.py reads it (text, figures,
        links, rows and their order; not white space, attribute order,
        escaping or the CSRF token);
  JSON  the same value: every field, its type and its value;
  PDF   the figures pdftotext reads in it (amounts such as $1,234.56 and
        rates such as 65.00 %): the same set in both.
Both answers must have the same status (a 404 for another organisation's id
on both, say).

The writes (--write-estimate, a draft estimate's id; --write-project, a
project's id) are posted to both servers with the same bodies: a line, a
bill of 2 lines, a log of 3 crew rows (on a day far from the seed's, one
for each server), and a second log on the peer's day (409 on both); the
answers are compared leaving out what differs by nature (ids, positions,
versions, timestamps, the log's day), and then the estimate's page, the
budget and the daily-logs tab of each server must show the same as the
other's, with the other's rows in them: each reads what the other wrote.
"""

import argparse
import datetime
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_pages import MainContent  # noqa: E402

FIGURE = re.compile(r"-?\$[\d,]+\.\d\d|-?\d[\d,]*\.\d\d %")


def fetch(url: str, headers: dict, body=None) -> tuple:
    data = json.dumps(body).encode() if body is not None else None
    url = urllib.parse.quote(url, safe=":/?=&%")  # a search term may be any text
    request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
    if data:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def main_items(html: bytes) -> list:
    parser = MainContent()
    parser.feed(html.decode("utf-8"))
    return parser.items


def pdf_figures(pdf: bytes) -> list:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        text = subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, check=True,
                              text=True).stdout
    return sorted(set(FIGURE.findall(text)))


def as_lines(value) -> list:
    return json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False).splitlines()


def differences(path: str, ours: tuple, peer: tuple) -> list:
    if ours[0] != peer[0]:
        return [f"status: ours {ours[0]}, peer {peer[0]}", peer[1][:300].decode("utf-8", "replace")]
    if path.endswith("/pdf") and ours[0] == 200:
        a, b = pdf_figures(ours[1]), pdf_figures(peer[1])
        if not a:
            return ["no figures in our PDF"]
    elif path.startswith("/api/"):
        a, b = as_lines(json.loads(ours[1])), as_lines(json.loads(peer[1]))
    else:
        a, b = main_items(ours[1]), main_items(peer[1])
        if not a:
            return ["no <main> in our page"]
    return list(difflib.unified_diff(a, b, "ours", "peer", lineterm="", n=2))


def summary(path: str, answer: tuple) -> str:
    if path.endswith("/pdf") and answer[0] == 200:
        return f"{len(pdf_figures(answer[1]))} figures"
    if path.startswith("/api/"):
        return f"{len(answer[1])} bytes of JSON"
    return f"{len(main_items(answer[1]))} tags and texts"


NATURE = {"id", "position", "version", "created_at", "updated_at", "log_date", "estimate_id", "vendor_bill_id"}


def without_nature(value):
    if isinstance(value, dict):
        return {k: without_nature(v) for k, v in value.items() if k not in NATURE}
    if isinstance(value, list):
        return [without_nature(v) for v in value]
    return value


def writes(args, ours, peer, api) -> tuple:
    """Posts the mix's three writes to both servers; returns (failures, paths to compare)."""
    failures = 0
    stamp = datetime.datetime.now().strftime("%H%M%S")
    line = {"cost_code": "09-250", "cost_type": "labor", "description": "Tape and finish, level 4",
            "quantity": "12.345", "unit": "hr", "unit_cost_cents": 6789, "markup_bps": 1250, "taxable": True}
    payee = args.write_payee
    bill = {"number": f"CMP-{stamp}", "party_id": payee, "bill_date": "2026-03-02", "due_date": "2026-04-01",
            "lines": [{"cost_code": "09-250", "cost_type": "subcontract", "description": "Drywall, level 2",
                       "amount_cents": 123456},
                      {"cost_code": "09-910", "cost_type": "material", "description": "Primer, 20 gal",
                       "amount_cents": 45678}]}
    day = {"ours": "2031-01-%02d", "peer": "2031-02-%02d"}
    log = {"weather": "Overcast", "temp_high_c": 12, "temp_low_c": 4, "work_performed": "Hung board, level 3",
           "delays": "", "crew": [{"trade": "Drywall", "headcount": 4, "hours": "32"},
                                  {"trade": "Electrical", "headcount": 2, "hours": "15.5"},
                                  {"trade": "Laborers", "headcount": 1, "hours": "8"}]}
    n = int(stamp) % 28 + 1
    posts = [(f"/api/v1/estimates/{args.write_estimate}/lines", line, line),
             (f"/api/v1/projects/{args.write_project}/vendor-bills", dict(bill, number=bill["number"] + "-O"),
              dict(bill, number=bill["number"] + "-P")),
             (f"/api/v1/projects/{args.write_project}/daily-logs", dict(log, log_date=day["ours"] % n),
              dict(log, log_date=day["peer"] % n)),
             (f"/api/v1/projects/{args.write_project}/daily-logs", dict(log, log_date=day["peer"] % n),
              dict(log, log_date=day["peer"] % n))]
    for path, ours_body, peer_body in posts:
        a = fetch(ours + "/api/v1" + path[len("/api/v1"):], api, ours_body)
        b = fetch(peer + path, api, peer_body)
        got_a, got_b = json.loads(a[1] or b"null"), json.loads(b[1] or b"null")
        if a[0] == b[0] == 409:  # the peer's day, taken on the second post: the message names the day
            got_a, got_b = got_a["error"]["code"], got_b["error"]["code"]
        if isinstance(got_a, dict) and "number" in got_a:
            got_a["number"] = got_b["number"] = "CMP"
        diff = list(difflib.unified_diff(as_lines(without_nature(got_a)), as_lines(without_nature(got_b)),
                                         "ours", "peer", lineterm="", n=2))
        if a[0] != b[0]:
            diff.insert(0, f"status: ours {a[0]}, peer {b[0]}")
        print(f"POST {path}: {'same answer (' + str(a[0]) + ')' if not diff else 'DIFFERS'}")
        for d in diff[:60]:
            print("    " + d)
        failures += bool(diff)
    return failures, [f"/estimates/{args.write_estimate}", f"/projects/{args.write_project}/budget",
                      f"/projects/{args.write_project}/daily-logs?date={day['ours'] % n}",
                      f"/projects/{args.write_project}/daily-logs?date={day['peer'] % n}",
                      f"/api/v1/projects/{args.write_project}/vendor-bills",
                      f"/api/v1/projects/{args.write_project}/budget"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ours", required=True)
    parser.add_argument("--peer", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--session", required=True)
    parser.add_argument("--peer-session", required=True)
    parser.add_argument("--write-estimate", type=int)
    parser.add_argument("--write-project", type=int)
    parser.add_argument("--write-payee", type=int)
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()
    api = {"Authorization": f"Bearer {args.token}"}
    failures = 0
    paths = list(args.paths)
    if args.write_estimate and args.write_project and args.write_payee:
        failed, after = writes(args, args.ours, args.peer, api)
        failures += failed
        paths += after
    for path in paths:
        ours_headers = api if path.startswith("/api/") else {"Cookie": f"session={args.session}"}
        peer_headers = api if path.startswith("/api/") else {"Cookie": f"session={args.peer_session}"}
        ours = fetch(args.ours + path, ours_headers)
        peer = fetch(args.peer + path, peer_headers)
        diff = differences(path, ours, peer)
        print(f"GET {path}: " + (f"same ({ours[0]}, {summary(path, ours)})" if not diff else "DIFFERS"))
        for line in diff[:80]:
            print("    " + line)
        failures += bool(diff)
    print(f"{failures} of {len(paths) + (4 if args.write_estimate else 0)} differ" if failures
          else "every route shows the same")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
