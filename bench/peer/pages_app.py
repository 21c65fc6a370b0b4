"""The pages benchmark's peer (issue 10): the dashboard and the projects page
rendered with Jinja2, FastAPI + SQLAlchemy, under Debian's gunicorn with
uvicorn's worker class, 2 workers (bench/pages_billing.sh runs it):

    SECRET_KEY=... DATABASE_URL=postgresql://... /usr/bin/gunicorn --chdir bench/peer \
        -k uvicorn.workers.UvicornWorker -w 2 -b 127.0.0.1:PORT pages_app:app

The same work as ours (views/page_routes.cpp, dashboard_page.cpp,
project_pages.cpp) per page, the way a FastAPI shop writes it: a session
cookie signed with HMAC-SHA256 under SECRET_KEY (`user_id.org_id.last_seen.
nonce.signature`, checked in constant time, idle after 8 hours), the user
loaded and checked active, the organisation's name, then
  GET /          the organisation's active projects (50 at most; "50+" when
                 there are more), each with its contract sum to date, billed,
                 retainage held and outstanding from its documents: the sums
                 of its change orders and of its invoices (totals and
                 payments) by status, and the retainage of its latest
                 certified pay application (one grouped query each, for all
                 the listed projects); the change orders pending a decision
                 (50 at most) and the overdue invoices (sent or partly paid,
                 due before today, a balance left; 50 at most), each with its
                 project; today's daily logs with their crews' headcount; and,
                 for owners and managers, the active projects with an
                 accepted estimate (50 at most) whose projected margin (the
                 budget report's: the contract sum to date less the sum over
                 cost code and cost type of max(revised, committed, actual),
                 the lines summed from the accepted estimate, the budget
                 transfers, the approved change orders, the approved and
                 closed commitments and the approved and paid vendor bills in
                 one UNION ALL) is below the estimate's margin
  GET /projects  its projects (the first 50, one more read to know there are
                 more), the clients and architects for the new-project form
rendered into the same HTML (templates/, translated from views/templates/):
money with thousands separators, rates in basis points as "12.34 %",
readable dates, the CSRF token (HMAC of the session's nonce) in the layout
and the form. With PEER_KEEPS=1 the margin check keeps, per process, each
project's projected cost under its costs_version (migration 0019) and sums
again only the projects whose counter moved, as ours does; the page is the
same either way. Integer cents throughout; rounding as domain/money.cpp (half
away from zero). Plain `def` routes with a Session dependency, as the
tutorial writes them; Jinja2's autoescape on.

`python3 pages_app.py cookie USER_ID ORG_ID` prints a session cookie value
for SECRET_KEY (the bench logs in with it; the peer has no password check).
compare_pages.py says whether a page of the peer's shows what ours does.
"""

import datetime
import hashlib
import hmac
import os
import secrets
import sys
import time
from typing import Optional

from fastapi import Cookie, Depends, FastAPI, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import BigInteger, and_, create_engine, func, literal, select, union_all
from sqlalchemy.orm import Session, sessionmaker

from models import (BudgetTransfer, ChangeOrder, ChangeOrderLine, Commitment, CommitmentLine, DailyLog,
                    DailyLogCrew, Estimate, EstimateLine, Invoice, Organisation, Party, PayApplication, Project,
                    User, VendorBill, VendorBillLine)

KEY = os.environ.get("SECRET_KEY", "").encode()
IDLE_SECONDS = 8 * 3600


def sign(payload: str) -> str:
    return hmac.new(KEY, payload.encode(), hashlib.sha256).hexdigest()


def new_cookie(user_id: int, org_id: int) -> str:
    payload = f"{user_id}.{org_id}.{int(time.time())}.{secrets.token_hex(16)}"
    return payload + "." + sign(payload)


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "cookie":
    print(new_cookie(int(sys.argv[2]), int(sys.argv[3])))
    sys.exit(0)

engine = create_engine(os.environ["DATABASE_URL"], pool_size=5, max_overflow=10, future=True)
SessionLocal = sessionmaker(bind=engine, autoflush=False, autocommit=False, future=True)
templates = Environment(loader=FileSystemLoader(os.path.join(os.path.dirname(__file__), "templates")),
                        autoescape=select_autoescape(["html"]))
STATUSES = [("lead", "Lead"), ("estimating", "Estimating"), ("active", "Active"),
            ("substantially_complete", "Substantially complete"), ("closed", "Closed"),
            ("cancelled", "Cancelled")]
STATUS_LABEL = dict(STATUSES)
STATUS_OPTIONS = [{"value": v, "label": label} for v, label in STATUSES]
NAV = [("/", "Dashboard"), ("/projects", "Projects"), ("/parties", "Parties")]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def money(cents: int) -> str:
    sign_ = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign_}${whole:,}.{rest:02d}"


def rate(bps: int) -> str:
    sign_ = "-" if bps < 0 else ""
    whole, rest = divmod(abs(bps), 100)
    return f"{sign_}{whole:,}.{rest:02d} %"


def ratio_bps(part: int, whole: int) -> int:
    """part / whole in basis points, rounded half away from zero; 0 when whole is 0."""
    if whole == 0:
        return 0
    if whole < 0:
        part, whole = -part, -whole
    quotient, remainder = divmod(abs(part) * 10000, whole)
    if 2 * remainder >= whole:
        quotient += 1
    return quotient if part >= 0 else -quotient


def readable(d: Optional[datetime.date]) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}" if d else ""


app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


class LoggedIn:
    def __init__(self, user: User, org_name: str, nonce: str):
        self.user, self.org_name, self.nonce = user, org_name, nonce


def logged_in(session: Optional[str] = Cookie(None), db: Session = Depends(get_db)) -> LoggedIn:
    parts = (session or "").split(".")
    if len(parts) != 5 or not hmac.compare_digest(sign(".".join(parts[:4])), parts[4]):
        raise HTTPException(status_code=303, headers={"Location": "/login"})
    user_id, org_id, last_seen = int(parts[0]), int(parts[1]), int(parts[2])
    if time.time() - last_seen > IDLE_SECONDS:
        raise HTTPException(status_code=303, headers={"Location": "/login"})
    user = db.query(User).filter(User.org_id == org_id, User.id == user_id).first()
    if user is None or not user.active:
        raise HTTPException(status_code=303, headers={"Location": "/login"})
    org = db.get(Organisation, org_id)
    return LoggedIn(user, org.name, parts[3])


def layout_data(who: LoggedIn, path: str, title: str) -> dict:
    return {"title": title, "csrf": sign("csrf:" + who.nonce), "org_name": who.org_name,
            "user_name": who.user.name or who.user.email,
            "nav": [{"href": h, "label": label,
                     "current": path == "/" if h == "/" else path.startswith(h)}
                    for h, label in NAV]}


LISTED = 50  # rows per list; the project list links to the rest


def project_label(number: str, name: str) -> str:
    return f"{number} · {name}"


def change_order_sums(db: Session, org_id: int, project_ids: list) -> dict:
    """(project id, status) -> the sum of its change orders' amounts."""
    rows = (db.query(ChangeOrder.project_id, ChangeOrder.status, func.sum(ChangeOrder.amount_cents))
            .filter(ChangeOrder.org_id == org_id, ChangeOrder.project_id.in_(project_ids))
            .group_by(ChangeOrder.project_id, ChangeOrder.status).all())
    return {(project_id, status): int(total) for project_id, status, total in rows}


def project_financials(db: Session, org_id: int, projects: list, order_sums: dict) -> list:
    """Contract sum to date, billed, retainage held and outstanding of each project, in cents."""
    ids = [p.id for p in projects]
    billed, paid = {}, {}
    for project_id, status, total, paid_total in (
            db.query(Invoice.project_id, Invoice.status, func.sum(Invoice.total_cents),
                     func.sum(Invoice.paid_cents))
            .filter(Invoice.org_id == org_id, Invoice.project_id.in_(ids))
            .group_by(Invoice.project_id, Invoice.status)):
        if status != "void":
            billed[project_id] = billed.get(project_id, 0) + int(total)
        paid[project_id] = paid.get(project_id, 0) + int(paid_total)  # a void invoice has none
    # the latest certified application of each project (DISTINCT ON)
    retainage = dict(db.query(PayApplication.project_id, PayApplication.retainage_cents)
                     .filter(PayApplication.org_id == org_id, PayApplication.project_id.in_(ids),
                             PayApplication.status == "certified")
                     .distinct(PayApplication.project_id)
                     .order_by(PayApplication.project_id, PayApplication.number.desc()).all())
    figures = []
    for p in projects:
        contract = p.original_contract_sum_cents + order_sums.get((p.id, "approved"), 0)
        figures.append({"contract_sum": contract, "billed": billed.get(p.id, 0),
                        "retainage": retainage.get(p.id, 0),
                        "outstanding": billed.get(p.id, 0) - paid.get(p.id, 0)})
    return figures


BUDGET_COLUMNS = ["original", "transfers", "changes", "committed", "actual"]


def budget_lines(db: Session, org_id: int, project_ids: list) -> dict:
    """project id -> a list of [original, transfers, approved changes, committed, actual], one
    per cost code and cost type: each source's lines summed, in one statement."""
    zero = literal(0, BigInteger)

    def part(project_id, code, kind, column, amount):
        sums = [zero] * 5
        sums[column] = amount
        return select(project_id.label("project_id"), code.label("cost_code"), kind.label("cost_type"),
                      *[value.label(name) for value, name in zip(sums, BUDGET_COLUMNS)])

    parts = union_all(
        part(Estimate.project_id, EstimateLine.cost_code, EstimateLine.cost_type, 0,
             EstimateLine.cost_cents)
        .join_from(Estimate, EstimateLine, and_(EstimateLine.org_id == Estimate.org_id,
                                                EstimateLine.estimate_id == Estimate.id))
        .where(Estimate.org_id == org_id, Estimate.project_id.in_(project_ids), Estimate.status == "accepted"),
        part(BudgetTransfer.project_id, BudgetTransfer.to_cost_code, BudgetTransfer.to_cost_type, 1,
             BudgetTransfer.amount_cents)
        .where(BudgetTransfer.org_id == org_id, BudgetTransfer.project_id.in_(project_ids)),
        part(BudgetTransfer.project_id, BudgetTransfer.from_cost_code, BudgetTransfer.from_cost_type, 1,
             -BudgetTransfer.amount_cents)
        .where(BudgetTransfer.org_id == org_id, BudgetTransfer.project_id.in_(project_ids)),
        part(ChangeOrder.project_id, ChangeOrderLine.cost_code, ChangeOrderLine.cost_type, 2,
             ChangeOrderLine.cost_cents)
        .join_from(ChangeOrder, ChangeOrderLine, and_(ChangeOrderLine.org_id == ChangeOrder.org_id,
                                                      ChangeOrderLine.change_order_id == ChangeOrder.id))
        .where(ChangeOrder.org_id == org_id, ChangeOrder.project_id.in_(project_ids),
               ChangeOrder.status == "approved"),
        part(Commitment.project_id, CommitmentLine.cost_code, CommitmentLine.cost_type, 3,
             CommitmentLine.amount_cents)
        .join_from(Commitment, CommitmentLine, and_(CommitmentLine.org_id == Commitment.org_id,
                                                    CommitmentLine.commitment_id == Commitment.id))
        .where(Commitment.org_id == org_id, Commitment.project_id.in_(project_ids),
               Commitment.status.in_(["approved", "closed"])),
        part(VendorBill.project_id, VendorBillLine.cost_code, VendorBillLine.cost_type, 4,
             VendorBillLine.amount_cents)
        .join_from(VendorBill, VendorBillLine, and_(VendorBillLine.org_id == VendorBill.org_id,
                                                    VendorBillLine.vendor_bill_id == VendorBill.id))
        .where(VendorBill.org_id == org_id, VendorBill.project_id.in_(project_ids),
               VendorBill.status.in_(["approved", "paid"])),
    ).subquery()
    query = (select(parts.c.project_id, *[func.sum(parts.c[name]) for name in BUDGET_COLUMNS])
             .group_by(parts.c.project_id, parts.c.cost_code, parts.c.cost_type))
    lines = {}
    for project_id, *sums in db.execute(query):
        lines.setdefault(project_id, []).append([int(v) for v in sums])
    return lines


def projected_costs(lines: list) -> int:
    """The budget report's projected cost: over cost code and cost type, the largest of the
    revised budget, the committed and the actual."""
    return sum(max(original + transfers + changes, committed, actual)
               for original, transfers, changes, committed, actual in lines)


# PEER_KEEPS=1: the margin check as ours does it (operations/margin_checks): each process
# keeps, per project, the projected cost it summed and the project's costs_version it was
# summed under, and sums again only the projects whose counter moved. The contract sum and
# the estimate's margin are read on every view (they come with the page's other reads).
KEEPS = os.environ.get("PEER_KEEPS") == "1"
KEPT_CAPACITY = 4096  # as ours: emptied when a view's sums would pass it
kept_costs = {}  # (org id, project id) -> (costs_version, projected cost in cents)


def kept_projected_costs(db: Session, org_id: int, budgeted: list) -> dict:
    """project id -> its projected cost: the kept one when its counter has not moved since,
    else summed now (one statement for all the moved projects; none when none moved). The
    counters were read before the sums: a write between the two makes the next view sum
    the project again, never keep a stale figure. Plain dict operations: a thread of the
    pool may sum a project another one is summing, and one of them keeps it."""
    costs, moved = {}, []
    for b in budgeted:
        kept = kept_costs.get((org_id, b.id))
        if kept is not None and kept[0] == b.costs_version:
            costs[b.id] = kept[1]
        else:
            moved.append(b)
    if moved:
        lines = budget_lines(db, org_id, [b.id for b in moved])
        if len(kept_costs) + len(moved) > KEPT_CAPACITY:
            kept_costs.clear()
        for b in moved:
            costs[b.id] = projected_costs(lines.get(b.id, []))
            kept_costs[(org_id, b.id)] = (b.costs_version, costs[b.id])
    return costs


def margin_alerts(db: Session, org_id: int, budgeted: list, order_sums: dict) -> list:
    """The projects whose projected margin (the budget report's profit block) is below their
    accepted estimate's margin."""
    if KEEPS:
        costs = kept_projected_costs(db, org_id, budgeted)
    else:
        lines = budget_lines(db, org_id, [b.id for b in budgeted])
        costs = {b.id: projected_costs(lines.get(b.id, [])) for b in budgeted}
    alerts = []
    for b in budgeted:
        contract = b.original_contract_sum_cents + order_sums.get((b.id, "approved"), 0)
        profit = contract - costs[b.id]
        margin = ratio_bps(profit, contract)
        if margin >= b.margin_bps:
            continue
        alerts.append({"project_id": b.id, "project": project_label(b.number, b.name),
                       "projected_margin": rate(margin), "original_margin": rate(b.margin_bps),
                       "projected_profit": money(profit)})
    return alerts


@app.get("/", response_class=HTMLResponse)
def dashboard(who: LoggedIn = Depends(logged_in), db: Session = Depends(get_db)):
    org_id = who.user.org_id
    commercial = who.user.role in ("owner", "manager")
    found = (db.query(Project)
             .filter(Project.org_id == org_id, Project.status == "active")
             .order_by(Project.id).limit(LISTED + 1).all())
    projects, more = found[:LISTED], len(found) > LISTED
    budgeted = []
    if commercial:
        counter = (Project.costs_version,) if KEEPS else ()  # read before the sums: kept_projected_costs
        budgeted = (db.query(Project.id, Project.number, Project.name, Project.original_contract_sum_cents,
                             Estimate.margin_bps, *counter)
                    .join(Estimate, and_(Estimate.org_id == Project.org_id, Estimate.project_id == Project.id,
                                         Estimate.status == "accepted"))
                    .filter(Project.org_id == org_id, Project.status == "active")
                    .order_by(Project.id).limit(LISTED).all())
    order_sums = change_order_sums(db, org_id, sorted({p.id for p in projects} | {b.id for b in budgeted}))

    rows, total = [], 0
    for p, f in zip(projects, project_financials(db, org_id, projects, order_sums)):
        total += f["contract_sum"]
        rows.append({"id": p.id, "number": p.number, "name": p.name,
                     "contract_sum": money(f["contract_sum"]), "billed": money(f["billed"]),
                     "retainage": money(f["retainage"]), "outstanding": money(f["outstanding"])})

    orders = [{"id": o.id, "number": o.number, "title": o.title, "amount": money(o.amount_cents),
               "project_id": p.id, "project": project_label(p.number, p.name)}
              for o, p in db.query(ChangeOrder, Project)
              .join(Project, and_(Project.org_id == ChangeOrder.org_id, Project.id == ChangeOrder.project_id))
              .filter(ChangeOrder.org_id == org_id, ChangeOrder.status == "pending")
              .order_by(ChangeOrder.id).limit(LISTED)]
    invoices = [{"id": i.id, "number": i.number, "due": readable(i.due_date),
                 "balance": money(i.total_cents - i.paid_cents),
                 "project_id": p.id, "project": project_label(p.number, p.name)}
                for i, p in db.query(Invoice, Project)
                .join(Project, and_(Project.org_id == Invoice.org_id, Project.id == Invoice.project_id))
                .filter(Invoice.org_id == org_id, Invoice.status.in_(["sent", "partially_paid"]),
                        Invoice.due_date < func.current_date(), Invoice.total_cents > Invoice.paid_cents)
                .order_by(Invoice.due_date, Invoice.id).limit(LISTED)]
    logs = [{"status": "Submitted" if log.status == "submitted" else "Draft", "headcount": headcount,
             "project_id": p.id, "project": project_label(p.number, p.name)}
            for log, p, headcount in db.query(DailyLog, Project,
                                              func.coalesce(func.sum(DailyLogCrew.headcount), 0))
            .join(Project, and_(Project.org_id == DailyLog.org_id, Project.id == DailyLog.project_id))
            .outerjoin(DailyLogCrew, and_(DailyLogCrew.org_id == DailyLog.org_id,
                                          DailyLogCrew.daily_log_id == DailyLog.id))
            .filter(DailyLog.org_id == org_id, DailyLog.log_date == func.current_date())
            .group_by(DailyLog.id, Project.id)
            .order_by(Project.number, DailyLog.id)]
    margins = margin_alerts(db, org_id, budgeted, order_sums) if commercial else []

    return templates.get_template("dashboard.html").render(
        **layout_data(who, "/", "Dashboard"), projects=rows, more_projects=more,
        active_count=f"{LISTED}+" if more else str(len(rows)), contract_total=money(total),
        today=readable(datetime.datetime.now(datetime.timezone.utc).date()),
        change_orders=orders, invoices=invoices, logs=logs, commercial=commercial, margins=margins,
        can_create=who.user.role in ("owner", "manager"))


@app.get("/projects", response_class=HTMLResponse)
def projects_page(who: LoggedIn = Depends(logged_in), db: Session = Depends(get_db)):
    found = (db.query(Project).filter(Project.org_id == who.user.org_id)
             .order_by(Project.id).limit(51).all())
    rows = [{"id": p.id, "number": p.number, "name": p.name, "status": STATUS_LABEL.get(p.status, p.status),
             "start": readable(p.start_date), "contract_sum": money(p.original_contract_sum_cents)}
            for p in found[:50]]
    can_create = who.user.role in ("owner", "manager")
    clients, architects = [], []
    if can_create:  # the new-project form's choices
        parties = (db.query(Party).filter(Party.org_id == who.user.org_id, Party.kind.in_(["client", "architect"]))
                   .order_by(Party.id).all())
        clients = [p for p in parties if p.kind == "client"][:200]
        architects = [p for p in parties if p.kind == "architect"][:200]
    return templates.get_template("projects.html").render(
        **layout_data(who, "/projects", "Projects"), projects=rows, more=len(found) > 50,
        statuses=STATUS_OPTIONS, q="", status="", can_create=can_create, clients=clients,
        architects=architects)


@app.get("/ready")
def ready():
    return {"ready": True}


@app.exception_handler(HTTPException)
async def redirect(request, exc: HTTPException):
    return RedirectResponse(exc.headers["Location"], status_code=303)
