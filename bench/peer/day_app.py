"""The day-of-traffic peer (issue 24): every route of the mix, the same work
as ours, the way a FastAPI shop writes it. ONE app for the whole mix:

    SECRET_KEY=... DATABASE_URL=postgresql://... /usr/bin/gunicorn --chdir bench/peer \
        -k uvicorn.workers.UvicornWorker -w 2 -b 127.0.0.1:PORT day_app:app

Pages log in with the peer's session cookie (`python3 pages_app.py cookie
USER_ID ORG_ID` prints one for SECRET_KEY); the API takes our Bearer tokens
(`construction create-token`), checked as db_app.py does. Routes:

  pages (session cookie; bench/peer/templates/, translated from views/templates/)
    GET /                          the dashboard (pages_app.py)
    GET /projects[?q=&status=&after=]  the list: 50 after the id `after` (keyset), one more
                                   read to know there are more; the search: name or
                                   number ILIKE %q% (its wildcards escaped);
                                   the clients and architects for the new-project form
    GET /projects/{id}/estimates[?after=]  the project's header (its documents' figures)
                                   and its Estimates tab: 50 after the id `after` (keyset),
                                   one more read to know there are more, the links to the
                                   next 50 and back to the first as ours' shared/list_pages
    GET /projects/{id}/budget[?commitments_after=&bills_after=]  the header and the Budget
                                   tab: the budget report (one UNION ALL, as
                                   sql/budget_store.cpp), a page of 50 commitments and one of
                                   50 vendor bills (each by its own cursor, as the estimates),
                                   the payees and open commitments for the bill form (the
                                   project's first 200 commitments when the list is not whole
                                   on its page)
    GET /projects/{id}/daily-logs  the header and the Daily logs tab: the day (?date=,
                                   today by default) with its crew, the 14 latest
                                   logs with their crews' headcount and hours, the
                                   companies for the crew rows
    GET /estimates/{id}            the editor: the estimate, its project and client,
                                   its lines, what was emailed, its signature requests
    GET /pay-applications/{id}     the G703 sheet and the G702 summary, its project,
                                   the certificate's invoice, what was emailed, its
                                   signature requests
  API (Bearer token, JSON as ours: the same fields, integer cents, RFC 3339)
    GET  /api/v1/projects                  50 projects with their financials
    GET  /api/v1/projects/{id}             one, with its financials
    GET  /api/v1/pay-applications/{id}     the application, its G702 and its lines
    GET  /api/v1/projects/{id}/vendor-bills  50 bills, keyset (?after=)
    GET  /api/v1/projects/{id}/budget      the budget report
    POST /api/v1/estimates/{id}/lines      a line on a draft estimate: priced by the
                                           server (cost = quantity x unit cost, price =
                                           cost x (1 + markup), cents rounded half away
                                           from zero), the estimate's totals saved
    POST /api/v1/projects/{id}/vendor-bills  a draft bill with its lines, its amount,
                                           retainage (its commitment's rate) and payable
    POST /api/v1/projects/{id}/daily-logs  a draft log with its crew rows; 409 when the
                                           project has a log for that day already
    GET  /api/v1/pay-applications/{id}/pdf  G702 then G703 (reportlab)

PEER_KEEPS=1 makes the peer keep what ours keeps: the dashboard's margin check per
project under its costs_version (pages_app.py), and each worker's PDFs (8 MB, least
recently used out first, none over 1 MB) keyed by the SHA-256 of every input of
g702_g703; the answers are the same either way (compare_day.py).

Every read is of the caller's organisation (another's id is a 404); the
commercial routes (estimates, pay applications, budget, bills) refuse the
field role (403), as ours. Plain `def` routes, a Session per request from a
dependency, ORM models; writes in one transaction each.
"""

import collections
import datetime
import decimal
import hashlib
import json
import re
import threading
from typing import Optional

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy import and_, func, or_, text as sql_text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import db_app
import pages_app
from models import (PAY_G702, PAY_G703, Commitment, DailyLog, DailyLogCrew, Estimate, EstimateLine, Invoice,
                    Message, Organisation, Party, PayApplication, PayApplicationLine, Project, SignatureRequest,
                    SignatureSigner, VendorBill, VendorBillLine)
from pages_app import (LISTED, LoggedIn, get_db, layout_data, logged_in, money, rate, ratio_bps, readable,
                       templates)

app = pages_app.FastAPI(docs_url=None, redoc_url=None, openapi_url=None)



# ---- errors: ours' shapes ----------------------------------------------------

class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, fields: Optional[dict] = None):
        self.status, self.code, self.message, self.fields = status, code, message, fields


class PageError(Exception):
    def __init__(self, status: int):
        self.status = status


PAGE_ERRORS = {403: ("Forbidden", "Your role does not open this page."),
               404: ("Not Found", "There is nothing at this address.")}


@app.exception_handler(ApiError)
def api_error(request: Request, exc: ApiError):
    body = {"code": exc.code, "message": exc.message}
    if exc.fields:
        body["fields"] = dict(sorted(exc.fields.items()))
    return JSONResponse({"error": body}, status_code=exc.status)


@app.exception_handler(PageError)
def page_error(request: Request, exc: PageError):
    title, line = PAGE_ERRORS[exc.status]
    html = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} · Construction'
            f'</title></head><body><main class="container" id="main"><div id="flash" role="status"></div>'
            f'<h1>{title}</h1><p>{line}</p><p><a href="/">Back to the dashboard</a></p></main></body></html>')
    return HTMLResponse(html, status_code=exc.status)


@app.exception_handler(IntegrityError)
def conflict(request: Request, exc: IntegrityError):  # a unique key taken (a bill's number): ours' 409
    return JSONResponse({"error": {"code": "conflict", "message": "The change conflicts with another record"}},
                        status_code=409)


@app.exception_handler(HTTPException)
def http_error(request: Request, exc: HTTPException):
    if exc.status_code == 303:  # the session check's redirect to /login
        return RedirectResponse(exc.headers["Location"], status_code=303)
    return JSONResponse({"error": {"code": "unauthorized", "message": str(exc.detail)}},
                        status_code=exc.status_code)


def not_found() -> ApiError:
    return ApiError(404, "not_found", "Not Found")


# ---- who calls ----------------------------------------------------------------

COMMERCIAL = ("owner", "manager")  # read_commercial and write_commercial


def api_caller(credentials: Optional[HTTPAuthorizationCredentials] = Depends(db_app.bearer),
               db: Session = Depends(get_db)):
    return db_app.caller_of(credentials.credentials if credentials else None, db)


def commercial_caller(user=Depends(api_caller)):
    if user.role not in COMMERCIAL:
        raise ApiError(403, "forbidden", "Your role does not allow this")
    return user


def field_writer(user=Depends(api_caller)):  # write_field_records: every role
    return user


def commercial_page(who: LoggedIn = Depends(logged_in)) -> LoggedIn:
    if who.user.role not in COMMERCIAL:
        raise PageError(403)
    return who


# ---- formats ------------------------------------------------------------------

def rfc3339(t: Optional[datetime.datetime]) -> Optional[str]:
    return db_app.rfc3339(t) if t else None


def iso(d: Optional[datetime.date]) -> Optional[str]:
    return d.isoformat() if d else None


def utc_day(t: datetime.datetime) -> datetime.date:
    return t.astimezone(datetime.timezone.utc).date()


def quantity_text(q) -> str:
    """numeric(12,3) as ours writes a quantity: no trailing zeros ("2.5", "16")."""
    return format(decimal.Decimal(q).normalize(), "f")


LABELS = {"partially_paid": "Partially paid", "substantially_complete": "Substantially complete"}


def label(name: str) -> str:
    return LABELS.get(name, name[:1].upper() + name[1:].replace("_", " "))


def divide_rounded(numerator: int, denominator: int) -> int:
    """numerator / denominator (denominator > 0), half away from zero: domain/money.cpp's."""
    q, r = divmod(abs(numerator), denominator)
    if 2 * r >= denominator:
        q += 1
    return q if numerator >= 0 else -q


def hundredths(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def csrf_of(who: LoggedIn) -> str:  # the session's CSRF token, as the layout carries it
    return pages_app.sign("csrf:" + who.nonce)


# ---- the project around its tabs ------------------------------------------------

TABS = [("estimates", "Estimates", True), ("change-orders", "Change orders", True),
        ("billing", "Billing", True), ("budget", "Budget", True), ("schedule", "Schedule", False),
        ("daily-logs", "Daily logs", False)]


def project_of(db: Session, org_id: int, project_id: int) -> Project:
    project = db.query(Project).filter(Project.org_id == org_id, Project.id == project_id).first()
    if project is None:
        raise PageError(404)
    return project


def financials(db: Session, org_id: int, projects: list) -> dict:
    """project id -> ours' ProjectFinancials, from its change orders, invoices and latest
    certified pay application: one grouped query each for all the projects."""
    ids = [p.id for p in projects]
    if not ids:
        return {}
    orders = pages_app.change_order_sums(db, org_id, ids)
    figures = pages_app.project_financials(db, org_id, projects, orders)
    out = {}
    for p, f in zip(projects, figures):
        approved, pending = orders.get((p.id, "approved"), 0), orders.get((p.id, "pending"), 0)
        paid = f["billed"] - f["outstanding"]
        out[p.id] = {"original_contract_sum_cents": p.original_contract_sum_cents,
                     "approved_change_orders_cents": approved,
                     "pending_change_orders_cents": pending,
                     "contract_sum_to_date_cents": f["contract_sum"],
                     "billed_to_date_cents": f["billed"],
                     "retainage_held_cents": f["retainage"],
                     "paid_to_date_cents": paid,
                     "outstanding_cents": f["outstanding"],
                     "balance_to_finish_cents": f["contract_sum"] - f["billed"]}
    return out


def project_page(who: LoggedIn, db: Session, project: Project, slug: str, tab_html: str, path: str):
    commercial = who.user.role in COMMERCIAL
    names = dict(db.query(Party.id, Party.name).filter(
        Party.org_id == project.org_id, Party.id.in_([i for i in (project.client_id, project.architect_id) if i])))
    figures = None
    if commercial:
        f = financials(db, project.org_id, [project])[project.id]
        figures = {"original": money(f["original_contract_sum_cents"]),
                   "approved_cos": money(f["approved_change_orders_cents"]),
                   "contract_sum": money(f["contract_sum_to_date_cents"]),
                   "billed": money(f["billed_to_date_cents"]), "retainage": money(f["retainage_held_cents"]),
                   "outstanding": money(f["outstanding_cents"]), "balance": money(f["balance_to_finish_cents"])}
    tabs = [{"slug": s, "label": lab, "current": s == slug} for s, lab, c in TABS if commercial or not c]
    title = f"{project.number} {project.name} · {dict((s, lab) for s, lab, _ in TABS)[slug]}"
    return templates.get_template("project.html").render(
        **layout_data(who, path, title), project=project, status=label(project.status),
        client=names.get(project.client_id), architect=names.get(project.architect_id),
        financials=figures, tabs=tabs, tab=tab_html)


# ---- GET /projects ------------------------------------------------------------------

@app.get("/", response_class=HTMLResponse)
def dashboard(who: LoggedIn = Depends(logged_in), db: Session = Depends(get_db)):
    return pages_app.dashboard(who, db)


@app.get("/projects", response_class=HTMLResponse)
def projects_page(q: str = "", status: str = "", after: str = "", who: LoggedIn = Depends(logged_in),
                  db: Session = Depends(get_db)):
    org_id = who.user.org_id
    q, status = q[:200], status[:50]
    query = db.query(Project.id, Project.number, Project.name, Project.status, Project.start_date,
                     Project.original_contract_sum_cents).filter(Project.org_id == org_id)
    if status:
        query = query.filter(Project.status == status)
    if q:  # name or number holds the text, case folded; % _ and \ in it are themselves
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.filter(or_(Project.name.ilike(pattern, escape="\\"),
                                 Project.number.ilike(pattern, escape="\\")))
    if after.strip().isdigit() and int(after) > 0:  # the next page: the rows after the last shown
        query = query.filter(Project.id > int(after))
    found = query.order_by(Project.id).limit(LISTED + 1).all()
    figures = who.user.role in COMMERCIAL
    rows = [{"id": p.id, "number": p.number, "name": p.name, "status": label(p.status),
             "start": readable(p.start_date), "contract_sum": money(p.original_contract_sum_cents)}
            for p in found[:LISTED]]
    parties = (db.query(Party).filter(Party.org_id == org_id, Party.kind.in_(["client", "architect"]))
               .order_by(Party.id).limit(400).all())
    return templates.get_template("projects.html").render(
        **layout_data(who, "/projects", "Projects"), projects=rows, more=len(found) > LISTED,
        statuses=pages_app.STATUS_OPTIONS, q=q, status=status, figures=figures,
        columns=5 if figures else 4, filtered=bool(q or status),
        can_create=who.user.role in COMMERCIAL,
        clients=[p for p in parties if p.kind == "client"][:200],
        architects=[p for p in parties if p.kind == "architect"][:200])


# ---- the Estimates tab and the estimate ------------------------------------------------

def cursor(value: str) -> Optional[int]:
    """A list's ?<cursor>= as ours reads it (views/list_pages.cpp): a positive whole number,
    else the first page."""
    return int(value) if value.isdigit() and int(value) > 0 else None


def tab_page(query, model, after: Optional[int]) -> tuple:
    """LISTED rows after the id `after` (keyset), one more read to know there are more."""
    if after is not None:
        query = query.filter(model.id > after)
    found = query.order_by(model.id).limit(LISTED + 1).all()
    return found[:LISTED], len(found) > LISTED


def list_pages(url: str, name: str, anchor: str, things: str, after: Optional[int], rows: list,
               more: bool) -> Optional[dict]:
    """The links under a list (ours' shared/list_pages): back to the first page when this is
    not it, to the next LISTED when there are more."""
    links = {"anchor": anchor, "things": things}
    if after is not None:
        links["first"] = url
    if more and rows:
        links["next"] = f"{url}?{name}={rows[-1].id}"
        links["next_label"] = f"Next {LISTED} {things}"
    return links if len(links) > 2 else None


@app.get("/projects/{project_id}/estimates", response_class=HTMLResponse)
def estimates_tab(project_id: int, after: str = "", who: LoggedIn = Depends(logged_in),
                  db: Session = Depends(get_db)):
    project = project_of(db, who.user.org_id, project_id)
    commercial = who.user.role in COMMERCIAL
    rows, pages = [], None
    if commercial:
        listed = cursor(after)
        found, more = tab_page(db.query(Estimate).filter(Estimate.org_id == project.org_id,
                                                        Estimate.project_id == project.id), Estimate, listed)
        rows = [{"id": e.id, "number": e.number, "revision": e.revision, "title": e.title,
                 "status": e.status, "total": money(e.total_cents), "margin": rate(e.margin_bps)}
                for e in found]
        pages = list_pages(f"/projects/{project.id}/estimates", "after", "estimates", "estimates", listed,
                           found, more)
    tab = templates.get_template("estimates_tab.html").render(
        project_id=project.id, estimates=rows, pages=pages, csrf=csrf_of(who), hidden=not commercial,
        can_write=commercial)
    return project_page(who, db, project, "estimates", tab, f"/projects/{project_id}")


def when(t: datetime.datetime) -> str:
    t = t.astimezone(datetime.timezone.utc)
    return f"{readable(t.date())} {t:%H:%M} UTC"


def sent_and_signed(db: Session, org_id: int, kind: str, document_id: int, may_void: bool, csrf: str) -> dict:
    """What was emailed of the document (newest first) and its signature requests with their
    signers, as views/document_sending_pages.cpp and signature_request_pages.cpp show them."""
    messages = []
    for m in (db.query(Message).filter(Message.org_id == org_id, Message.record == f"{kind}:{document_id}")
              .order_by(Message.id.desc())):
        cc = f" (cc {', '.join(m.cc_addresses)})" if m.cc_addresses else ""
        messages.append({"when": when(m.created_at), "to": ", ".join(m.to_addresses) + cc, "subject": m.subject,
                         "status": m.status, "status_label": label(m.status),
                         "last_error": m.last_error if m.status in ("failed", "retrying") else ""})
    found = (db.query(SignatureRequest).filter(SignatureRequest.org_id == org_id,
                                               SignatureRequest.document_kind == kind,
                                               SignatureRequest.document_id == document_id)
             .order_by(SignatureRequest.id.desc()).all())
    signers = (db.query(SignatureSigner).join(SignatureRequest, and_(
        SignatureRequest.org_id == SignatureSigner.org_id, SignatureRequest.id == SignatureSigner.request_id))
        .filter(SignatureRequest.org_id == org_id, SignatureRequest.document_kind == kind,
                SignatureRequest.document_id == document_id)
        .order_by(SignatureSigner.request_id.desc(), SignatureSigner.position).all()) if found else []
    today = datetime.datetime.now(datetime.timezone.utc).date()
    requests = []
    for r in found:
        status = "expired" if r.status == "sent" and r.expires_on < today else r.status
        requests.append({
            "id": r.id, "sent": when(r.created_at), "status": status, "status_label": label(status),
            "expires_on": readable(r.expires_on), "document_sha256": bytes(r.pdf_sha256).hex(),
            "ended": when(r.ended_at) if r.ended_at else "",
            "ended_reason": r.status_reason or "" if status in ("voided", "expired") else "",
            "may_void": status == "sent" and may_void, "csrf": csrf,
            "sealed_sha256": bytes(r.sealed_sha256).hex() if r.sealed_sha256 else "",
            "signers": [{"name": g.name, "email": g.email, "role": label(g.role), "status": g.status,
                         "status_label": label(g.status), "decided": when(g.decided_at) if g.decided_at else "",
                         "typed_name": g.typed_name or "", "decline_reason": g.decline_reason or ""}
                        for g in signers if g.request_id == r.id]})
    return {"messages": messages, "requests": requests}


COST_TYPES = ["labor", "material", "equipment", "subcontract", "other"]


@app.get("/estimates/{estimate_id}", response_class=HTMLResponse)
def estimate_page(estimate_id: int, who: LoggedIn = Depends(commercial_page), db: Session = Depends(get_db)):
    org_id = who.user.org_id
    e = db.query(Estimate).filter(Estimate.org_id == org_id, Estimate.id == estimate_id).first()
    if e is None:
        raise PageError(404)
    project = project_of(db, org_id, e.project_id)
    client = (db.query(Party).filter(Party.org_id == org_id, Party.id == project.client_id).first()
              if project.client_id else None)
    revised_by = db.query(Estimate.id).filter(Estimate.org_id == org_id,
                                              Estimate.revised_from_id == e.id).scalar()
    lines = (db.query(EstimateLine).filter(EstimateLine.org_id == org_id, EstimateLine.estimate_id == e.id)
             .order_by(EstimateLine.position, EstimateLine.id).all())
    editable = e.status == "draft" and revised_by is None
    rows = [{"id": l.id, "cost_code": l.cost_code, "cost_type": l.cost_type, "description": l.description,
             "taxable": l.taxable, "quantity": quantity_text(l.quantity), "unit": l.unit,
             "unit_cost": money(l.unit_cost_cents), "markup": rate(l.markup_bps), "cost": money(l.cost_cents),
             "price": money(l.price_cents), "credit": l.price_cents < 0} for l in lines]
    actions = []
    if revised_by is None:
        actions = {"draft": [], "sent": [("accept", "Client accepted", ""), ("decline", "Client declined", "secondary"),
                                         ("revise", "Revise", "outline")],
                   "declined": [("revise", "Revise", "outline")]}.get(e.status, [])
    layout = layout_data(who, f"/estimates/{estimate_id}", f"{e.number} rev. {e.revision} {e.title}")
    return templates.get_template("estimate.html").render(
        **layout, e=e, status_label=label(e.status), project=project, client=client.name if client else "",
        created=readable(utc_day(e.created_at)), valid_until=readable(e.valid_until), revised_by=revised_by,
        rows=rows, editable=editable, actions=actions, send=e.status != "declined" and revised_by is None,
        sign=e.status == "sent" and revised_by is None, cost_types=COST_TYPES,
        totals={"cost": money(e.cost_cents), "subtotal": money(e.subtotal_cents), "tax": money(e.tax_cents),
                "tax_rate": rate(e.tax_bps), "total": money(e.total_cents),
                "margin_amount": money(e.subtotal_cents - e.cost_cents), "margin": rate(e.margin_bps)},
        **sent_and_signed(db, org_id, "estimate", e.id, True, layout["csrf"]))


# ---- the pay application ------------------------------------------------------------

def pay_application_of(db: Session, org_id: int, application_id: int):
    a = db.query(PayApplication).filter(PayApplication.org_id == org_id,
                                        PayApplication.id == application_id).first()
    if a is None:
        return None, []
    lines = (db.query(PayApplicationLine)
             .filter(PayApplicationLine.org_id == org_id, PayApplicationLine.pay_application_id == a.id)
             .order_by(PayApplicationLine.item_no, PayApplicationLine.id).all())
    return a, lines


def g702_lines(a: PayApplication) -> list:
    return [("1. Original contract sum", a.original_contract_sum_cents),
            ("2. Net change by change orders", a.net_change_orders_cents),
            ("3. Contract sum to date", a.contract_sum_to_date_cents),
            ("4. Total completed & stored to date", a.completed_and_stored_to_date_cents),
            (f"5a. Retainage on completed work ({rate(a.retainage_work_bps)})", a.retainage_work_cents),
            (f"5b. Retainage on stored material ({rate(a.retainage_stored_bps)})", a.retainage_stored_cents),
            ("5. Total retainage", a.retainage_cents),
            ("6. Total earned less retainage", a.earned_less_retainage_cents),
            ("7. Less previous certificates for payment", a.previous_certificates_cents),
            ("8. Current payment due", a.current_payment_due_cents),
            ("9. Balance to finish, including retainage", a.balance_to_finish_cents)]


def g703_row(l) -> dict:
    return {"item": l.item_no, "description": l.description, "scheduled": money(l.scheduled_value_cents),
            "previous": money(l.previous_cents), "this_period": money(l.this_period_cents),
            "stored": money(l.stored_cents), "completed": money(l.completed_and_stored_cents),
            "percent": rate(l.percent_complete_bps), "balance": money(l.balance_to_finish_cents),
            "retainage": money(l.retainage_cents)}


@app.get("/pay-applications/{application_id}", response_class=HTMLResponse)
def pay_application_page(application_id: int, who: LoggedIn = Depends(commercial_page),
                         db: Session = Depends(get_db)):
    org_id = who.user.org_id
    a, lines = pay_application_of(db, org_id, application_id)
    if a is None:
        raise PageError(404)
    project = project_of(db, org_id, a.project_id)
    invoice = (db.query(Invoice.id, Invoice.number)
               .filter(Invoice.org_id == org_id, Invoice.pay_application_id == a.id).order_by(Invoice.id).first())
    editable = a.status == "draft"
    rows = []
    for l in lines:
        row = g703_row(l)
        row.update(id=l.id, version=l.version, e_value=hundredths(l.this_period_cents),
                   f_value=hundredths(l.stored_cents))
        rows.append(row)
    layout = layout_data(who, f"/pay-applications/{application_id}",
                         f"Pay application #{a.number} {project.number}")
    return templates.get_template("pay_application.html").render(
        **layout, a=a, project=project, status_label=label(a.status), period_to=readable(a.period_to),
        submitted=readable(utc_day(a.submitted_at)) if a.submitted_at else "",
        certified_on=readable(utc_day(a.certified_at)) if a.certified_at else "",
        certified_amount=money(a.certified_cents) if a.certified_cents is not None else "",
        invoice=invoice, rows=rows, editable=editable, certify=a.status == "submitted",
        returnable=a.status == "submitted", due=money(a.current_payment_due_cents),
        due_value=hundredths(a.current_payment_due_cents),
        g702=[(name, money(cents)) for name, cents in g702_lines(a)],
        sign=a.status == "submitted", **sent_and_signed(db, org_id, "pay_application", a.id, True, layout["csrf"]))


# ---- the budget ------------------------------------------------------------------------

BUDGET_SUMS = sql_text("""WITH project AS (
  SELECT p.original_contract_sum_cents
         + coalesce((SELECT sum(c.amount_cents) FROM change_orders c
                     WHERE c.org_id = p.org_id AND c.project_id = p.id AND c.status = 'approved'), 0)
           AS contract_sum_cents,
         coalesce((SELECT e.margin_bps FROM estimates e
                   WHERE e.org_id = p.org_id AND e.project_id = p.id AND e.status = 'accepted'), 0)
           AS original_margin_bps
  FROM projects p WHERE p.org_id = :org AND p.id = :project
), parts (cost_code, cost_type, original, transfers, changes, committed, actual) AS (
  SELECT l.cost_code, l.cost_type, l.cost_cents, 0, 0, 0, 0
  FROM estimates e JOIN estimate_lines l ON l.org_id = e.org_id AND l.estimate_id = e.id
  WHERE e.org_id = :org AND e.project_id = :project AND e.status = 'accepted'
  UNION ALL
  SELECT t.to_cost_code, t.to_cost_type, 0, t.amount_cents, 0, 0, 0
  FROM budget_transfers t WHERE t.org_id = :org AND t.project_id = :project
  UNION ALL
  SELECT t.from_cost_code, t.from_cost_type, 0, -t.amount_cents, 0, 0, 0
  FROM budget_transfers t WHERE t.org_id = :org AND t.project_id = :project
  UNION ALL
  SELECT l.cost_code, l.cost_type, 0, 0, l.cost_cents, 0, 0
  FROM change_orders c JOIN change_order_lines l ON l.org_id = c.org_id AND l.change_order_id = c.id
  WHERE c.org_id = :org AND c.project_id = :project AND c.status = 'approved'
  UNION ALL
  SELECT l.cost_code, l.cost_type, 0, 0, 0, l.amount_cents, 0
  FROM commitments c JOIN commitment_lines l ON l.org_id = c.org_id AND l.commitment_id = c.id
  WHERE c.org_id = :org AND c.project_id = :project AND c.status IN ('approved', 'closed')
  UNION ALL
  SELECT l.cost_code, l.cost_type, 0, 0, 0, 0, l.amount_cents
  FROM vendor_bills b JOIN vendor_bill_lines l ON l.org_id = b.org_id AND l.vendor_bill_id = b.id
  WHERE b.org_id = :org AND b.project_id = :project AND b.status IN ('approved', 'paid')
), lines AS (
  SELECT cost_code, cost_type, sum(original)::bigint AS original, sum(transfers)::bigint AS transfers,
         sum(changes)::bigint AS changes, sum(committed)::bigint AS committed, sum(actual)::bigint AS actual
  FROM parts GROUP BY cost_code, cost_type
)
SELECT project.contract_sum_cents::bigint AS contract_sum, project.original_margin_bps::bigint AS margin,
       lines.* FROM project LEFT JOIN lines ON true
ORDER BY lines.cost_code, array_position(ARRAY['labor', 'material', 'equipment', 'subcontract', 'other'],
                                         lines.cost_type)""")


def columns_of(original, transfers, changes, committed, actual) -> dict:
    revised = original + transfers + changes
    projected = max(revised, committed, actual)
    return {"original": original, "transfers": transfers, "changes": changes, "revised": revised,
            "committed": committed, "actual": actual, "uncommitted": max(revised - committed, 0),
            "projected": projected, "variance": revised - projected,
            "percent": ratio_bps(actual, revised) if revised > 0 else 0}


def budget_report(db: Session, org_id: int, project_id: int) -> Optional[dict]:
    rows = db.execute(BUDGET_SUMS, {"org": org_id, "project": project_id}).all()
    if not rows:
        return None
    lines, totals = [], dict.fromkeys(["original", "transfers", "changes", "revised", "committed", "actual",
                                       "uncommitted", "projected", "variance"], 0)
    for r in rows:
        if r.cost_code is None:
            continue
        c = columns_of(r.original, r.transfers, r.changes, r.committed, r.actual)
        lines.append({"cost_code": r.cost_code, "cost_type": r.cost_type, **c})
        for k in totals:
            totals[k] += c[k]
    totals["percent"] = ratio_bps(totals["actual"], totals["revised"]) if totals["revised"] > 0 else 0
    contract = rows[0].contract_sum
    profit = contract - totals["projected"]
    return {"lines": lines, "totals": totals,
            "profit": {"contract_sum_to_date_cents": contract, "projected_cost_cents": totals["projected"],
                       "projected_profit_cents": profit, "projected_margin_bps": ratio_bps(profit, contract),
                       "original_margin_bps": rows[0].margin}}


BUDGET_JSON = [("original_budget_cents", "original"), ("transfers_cents", "transfers"),
               ("approved_changes_cents", "changes"), ("revised_budget_cents", "revised"),
               ("committed_cents", "committed"), ("actual_cents", "actual"),
               ("uncommitted_cents", "uncommitted"), ("projected_cents", "projected"),
               ("variance_cents", "variance"), ("percent_spent_bps", "percent")]


def shown_columns(c: dict) -> dict:
    shown = {k: money(v) for k, v in c.items() if k not in ("percent", "cost_code", "cost_type")}
    shown["percent"] = rate(c["percent"])
    shown["over"] = c["variance"] < 0
    return shown


@app.get("/projects/{project_id}/budget", response_class=HTMLResponse)
def budget_tab(project_id: int, commitments_after: str = "", bills_after: str = "",
               who: LoggedIn = Depends(logged_in), db: Session = Depends(get_db)):
    org_id = who.user.org_id
    project = project_of(db, org_id, project_id)
    if who.user.role not in COMMERCIAL:
        raise PageError(403)
    report = budget_report(db, org_id, project.id)
    # a page of each list, each after its own cursor; the bill form's commitments are the
    # list's when it is whole on its page, else the project's first 200, read apart
    of_project = db.query(Commitment).filter(Commitment.org_id == org_id, Commitment.project_id == project.id)
    commitments_after, bills_after = cursor(commitments_after), cursor(bills_after)
    commitments, more_commitments = tab_page(of_project, Commitment, commitments_after)
    choices = commitments
    if commitments_after is not None or more_commitments:
        choices = of_project.order_by(Commitment.id).limit(200).all()
    billed = dict(db.query(VendorBill.commitment_id, func.sum(VendorBill.amount_cents))
                  .filter(VendorBill.org_id == org_id, VendorBill.project_id == project.id,
                          VendorBill.commitment_id.isnot(None), VendorBill.status.in_(["approved", "paid"]))
                  .group_by(VendorBill.commitment_id))
    bills, more_bills = tab_page(db.query(VendorBill).filter(VendorBill.org_id == org_id,
                                                            VendorBill.project_id == project.id),
                                 VendorBill, bills_after)
    tab_url = f"/projects/{project.id}/budget"
    payees = (db.query(Party).filter(Party.org_id == org_id, Party.kind.in_(["subcontractor", "vendor"]))
              .order_by(Party.id).limit(500).all())
    lines = [{"cost_code": l["cost_code"], "cost_type": l["cost_type"], **shown_columns(l)} for l in report["lines"]]
    over = sum(1 for l in report["lines"] if l["variance"] < 0)
    p = report["profit"]
    tab = templates.get_template("budget_tab.html").render(
        project_id=project.id, csrf=csrf_of(who), can_write=True, lines=lines,
        totals=shown_columns(report["totals"]),
        over_count=f"{over} line is" if over == 1 else (f"{over} lines are" if over else ""),
        contract_sum=money(p["contract_sum_to_date_cents"]), projected_cost=money(p["projected_cost_cents"]),
        projected_profit=money(p["projected_profit_cents"]), projected_margin=rate(p["projected_margin_bps"]),
        original_margin=rate(p["original_margin_bps"]),
        margin_below=p["projected_margin_bps"] < p["original_margin_bps"], loss=p["projected_profit_cents"] < 0,
        commitments=[{"id": c.id, "number": c.number, "title": c.title, "kind": label(c.kind), "status": c.status,
                      "amount": money(c.amount_cents), "billed": money(int(billed.get(c.id, 0)))}
                     for c in commitments],
        commitment_pages=list_pages(tab_url, "commitments_after", "commitments", "commitments",
                                    commitments_after, commitments, more_commitments),
        open_commitments=[c for c in choices if c.status == "approved"],
        bills=[{"id": b.id, "number": b.number, "date": readable(b.bill_date), "status": b.status,
                "amount": money(b.amount_cents), "payable": money(b.payable_cents)} for b in bills],
        bill_pages=list_pages(tab_url, "bills_after", "vendor-bills", "bills", bills_after, bills, more_bills),
        parties=payees, cost_types=COST_TYPES, today=datetime.datetime.now(datetime.timezone.utc).date().isoformat())
    return project_page(who, db, project, "budget", tab, f"/projects/{project_id}")


# ---- the Daily logs tab -------------------------------------------------------------------

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def long_date(d: datetime.date, short: bool = False) -> str:
    day = WEEKDAYS[d.weekday()]
    return f"{day[:3] if short else day}, {readable(d)}"


@app.get("/projects/{project_id}/daily-logs", response_class=HTMLResponse)
def daily_logs_tab(project_id: int, date: str = "", who: LoggedIn = Depends(logged_in),
                   db: Session = Depends(get_db)):
    org_id = who.user.org_id
    project = project_of(db, org_id, project_id)
    today = datetime.datetime.now(datetime.timezone.utc).date()
    try:
        day = datetime.date.fromisoformat(date) if date else today
    except ValueError:
        day = today
    log = (db.query(DailyLog).filter(DailyLog.org_id == org_id, DailyLog.project_id == project.id,
                                     DailyLog.log_date == day).first())
    crew = []
    if log is not None:
        crew = (db.query(DailyLogCrew).filter(DailyLogCrew.org_id == org_id, DailyLogCrew.daily_log_id == log.id)
                .order_by(DailyLogCrew.position).all())
    recent_logs = (db.query(DailyLog.id, DailyLog.log_date, DailyLog.status)
                   .filter(DailyLog.org_id == org_id, DailyLog.project_id == project.id)
                   .order_by(DailyLog.log_date.desc()).limit(14).subquery())
    recent = (db.query(recent_logs.c.log_date, recent_logs.c.status,
                       func.coalesce(func.sum(DailyLogCrew.headcount), 0),
                       func.coalesce(func.sum(DailyLogCrew.hours), 0))
              .outerjoin(DailyLogCrew, and_(DailyLogCrew.org_id == org_id,
                                            DailyLogCrew.daily_log_id == recent_logs.c.id))
              .group_by(recent_logs.c.id, recent_logs.c.log_date, recent_logs.c.status)
              .order_by(recent_logs.c.log_date.desc()).all())
    used = {c.party_id for c in crew if c.party_id}
    companies = (db.query(Party.id, Party.name)
                 .filter(Party.org_id == org_id, or_(Party.kind.in_(["subcontractor", "vendor"]),
                                                    Party.id.in_(used or {0})))
                 .order_by(Party.name, Party.id).all())
    names = dict(companies)
    can_write = True  # write_field_records: every role
    view = log is not None and (log.status == "submitted" or not can_write)
    heads = sum(c.headcount for c in crew)
    hours = sum((c.hours for c in crew), decimal.Decimal(0))
    tab = templates.get_template("daily_logs_tab.html").render(
        project_id=project.id, date=day.isoformat(), day_title=long_date(day) + (" (today)" if day == today else ""),
        log=log, status_label=label(log.status) if log else "", view=view, csrf=csrf_of(who),
        crew=[{"company": names.get(c.party_id, "Own forces"), "party_id": c.party_id, "trade": c.trade,
               "headcount": c.headcount, "hours": quantity_text(c.hours)} for c in crew],
        total_headcount=heads, total_hours=quantity_text(hours), workers="worker" if heads == 1 else "workers",
        companies=companies, submitted=(readable(utc_day(log.submitted_at)) + " at "
                                        + log.submitted_at.astimezone(datetime.timezone.utc).strftime("%H:%M")
                                        + " UTC") if log is not None and log.submitted_at else "",
        recent=[{"date": d.isoformat(), "label": long_date(d, True), "status": s, "status_label": label(s),
                 "current": d == day,
                 "crew": f"{h} {'worker' if h == 1 else 'workers'} · {quantity_text(hrs)} h"}
                for d, s, h, hrs in recent])
    return project_page(who, db, project, "daily-logs", tab, f"/projects/{project_id}")


# ---- API reads ------------------------------------------------------------------------------

def project_json(p: Project, f: Optional[dict]) -> dict:
    out = {"id": p.id, "number": p.number, "name": p.name, "client_id": p.client_id,
           "architect_id": p.architect_id, "site_address": p.site_address, "status": p.status,
           "contract_type": p.contract_type}
    if f is not None:
        out.update(retainage_work_bps=p.retainage_work_bps, retainage_stored_bps=p.retainage_stored_bps)
    out.update(start_date=iso(p.start_date), completion_date=iso(p.completion_date))
    if f is not None:
        out["original_contract_sum_cents"] = p.original_contract_sum_cents
    out.update(version=p.version, created_at=rfc3339(p.created_at), updated_at=rfc3339(p.updated_at))
    if f is not None:
        out["financials"] = f
    return out


def page_of(request: Request) -> tuple:
    """?cursor= (the next_cursor of an earlier page: an id) and ?limit= (1 to 200, 50 by
    default), as api/request.cpp reads them: (after id, limit)."""
    errors = {}
    limit, after = 50, 0
    text = request.query_params.get("limit")
    if text is not None:
        if text.isdigit() and 1 <= int(text) <= 200:
            limit = int(text)
        else:
            errors["limit"] = "must be a whole number from 1 to 200"
    text = request.query_params.get("cursor")
    if text is not None:
        if text.isdigit():
            after = int(text)
        else:
            errors["cursor"] = "must be a next_cursor from an earlier page"
    if errors:
        raise ApiError(422, "validation_failed", "Some fields are not valid", errors)
    return after, limit


def keyset_page(query, column, request: Request) -> tuple:
    """The rows after the cursor, one more read to know there is a next page: (rows, next_cursor)."""
    after, limit = page_of(request)
    found = query.filter(column > after).order_by(column).limit(limit + 1).all()
    rows = found[:limit]
    return rows, str(rows[-1].id) if len(found) > limit else None


@app.get("/api/v1/projects")
def api_projects(request: Request, user=Depends(api_caller), db: Session = Depends(get_db)):
    page, cursor = keyset_page(db.query(Project).filter(Project.org_id == user.org_id), Project.id, request)
    figures = financials(db, user.org_id, page) if user.role in COMMERCIAL else {}
    return {"data": [project_json(p, figures.get(p.id)) for p in page], "next_cursor": cursor}


@app.get("/api/v1/projects/{project_id}")
def api_project(project_id: int, user=Depends(api_caller), db: Session = Depends(get_db)):
    p = db.query(Project).filter(Project.org_id == user.org_id, Project.id == project_id).first()
    if p is None:
        raise not_found()
    f = financials(db, user.org_id, [p])[p.id] if user.role in COMMERCIAL else None
    return project_json(p, f)


@app.get("/api/v1/pay-applications/{application_id}")
def api_pay_application(application_id: int, user=Depends(commercial_caller), db: Session = Depends(get_db)):
    a, lines = pay_application_of(db, user.org_id, application_id)
    if a is None:
        raise not_found()
    return {"id": a.id, "project_id": a.project_id, "number": a.number, "period_to": iso(a.period_to),
            "status": a.status, "retainage_work_bps": a.retainage_work_bps,
            "retainage_stored_bps": a.retainage_stored_bps, "certified_cents": a.certified_cents,
            "submitted_at": rfc3339(a.submitted_at), "certified_at": rfc3339(a.certified_at),
            "g702": {name: getattr(a, name) for name in PAY_G702}, "version": a.version,
            "created_at": rfc3339(a.created_at), "updated_at": rfc3339(a.updated_at),
            "lines": [{"id": l.id, "pay_application_id": l.pay_application_id, "sov_line_id": l.sov_line_id,
                       "item_no": l.item_no, "description": l.description,
                       **{name: getattr(l, name) for name in PAY_G703}, "version": l.version,
                       "created_at": rfc3339(l.created_at), "updated_at": rfc3339(l.updated_at)}
                      for l in lines]}


def bill_json(b: VendorBill) -> dict:
    return {"id": b.id, "project_id": b.project_id, "number": b.number, "party_id": b.party_id,
            "commitment_id": b.commitment_id, "bill_date": iso(b.bill_date), "due_date": iso(b.due_date),
            "status": b.status, "amount_cents": b.amount_cents, "retainage_cents": b.retainage_cents,
            "payable_cents": b.payable_cents, "approved_at": rfc3339(b.approved_at), "version": b.version,
            "created_at": rfc3339(b.created_at), "updated_at": rfc3339(b.updated_at)}


def api_project_of(db: Session, org_id: int, project_id: int, lock: bool = False) -> Project:
    query = db.query(Project).filter(Project.org_id == org_id, Project.id == project_id)
    p = (query.with_for_update() if lock else query).first()
    if p is None:
        raise not_found()
    return p


@app.get("/api/v1/projects/{project_id}/vendor-bills")
def api_vendor_bills(project_id: int, request: Request, user=Depends(commercial_caller),
                     db: Session = Depends(get_db)):
    api_project_of(db, user.org_id, project_id)
    page, cursor = keyset_page(db.query(VendorBill).filter(VendorBill.org_id == user.org_id,
                                                           VendorBill.project_id == project_id),
                               VendorBill.id, request)
    return {"data": [bill_json(b) for b in page], "next_cursor": cursor}


@app.get("/api/v1/projects/{project_id}/budget")
def api_budget(project_id: int, user=Depends(commercial_caller), db: Session = Depends(get_db)):
    report = budget_report(db, user.org_id, project_id)
    if report is None:
        raise not_found()

    def columns(c):
        return {name: c[key] for name, key in BUDGET_JSON}
    return {"lines": [{"cost_code": l["cost_code"], "cost_type": l["cost_type"], **columns(l)}
                      for l in report["lines"]],
            "totals": columns(report["totals"]), "profit": report["profit"]}


# ---- API writes -------------------------------------------------------------------------------

COST_CODE = re.compile(r"\d\d-\d\d\d")
QUANTITY = re.compile(r"-?\d{1,9}(\.\d{1,3})?")
MAX_CENTS = 10 ** 15  # domain::kMaxCents


class Fields:
    """The body's fields, read and checked as api/field_reader.cpp does: every bad field named."""

    def __init__(self, body):
        if not isinstance(body, dict):
            raise ApiError(422, "validation_failed", "The body must be a JSON object")
        self.body, self.errors = body, {}

    def fail(self, name: str, message: str):
        self.errors.setdefault(name, message)

    def text(self, name: str, limit: int, required: bool = False, blank: bool = True) -> Optional[str]:
        v = self.body.get(name)
        if v is None:
            if required:
                self.fail(name, "is required")
            return None
        if not isinstance(v, str):
            self.fail(name, "must be a string")
        elif len(v) > limit:
            self.fail(name, f"must be at most {limit} characters")
        elif not blank and not v.strip():
            self.fail(name, "must not be blank")
        else:
            return v
        return None

    def integer(self, name: str, low: int, high: int, required: bool = False) -> Optional[int]:
        v = self.body.get(name)
        if v is None:
            if required:
                self.fail(name, "is required")
            return None
        if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
            self.fail(name, f"must be between {low} and {high}")
            return None
        return v

    def decimal(self, name: str, required: bool = False) -> Optional[decimal.Decimal]:
        v = self.body.get(name)
        if v is None:
            if required:
                self.fail(name, "is required")
            return None
        text = str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
        if not isinstance(text, str) or not QUANTITY.fullmatch(text):
            self.fail(name, "must be a decimal number with at most 3 decimals, up to 999999999.999")
            return None
        return decimal.Decimal(text)

    def date(self, name: str, required: bool = False) -> Optional[datetime.date]:
        v = self.body.get(name)
        if v is None:
            if required:
                self.fail(name, "is required")
            return None
        try:
            return datetime.date.fromisoformat(v)
        except (TypeError, ValueError):
            self.fail(name, "must be a date written YYYY-MM-DD, or null")
            return None

    def cost_key(self, prefix: str = ""):
        code = self.text("cost_code", 20, True)
        kind = self.text("cost_type", 20, True)
        if code is not None and not COST_CODE.fullmatch(code):
            self.fail(prefix + "cost_code", "must look like 09-250: two digits, a dash, three digits")
        if kind is not None and kind not in COST_TYPES:
            self.fail(prefix + "cost_type", "must be one of labor, material, equipment, subcontract, other")
        return code, kind

    def done(self):
        if self.errors:
            raise ApiError(422, "validation_failed", "Some fields are not valid", self.errors)


async def json_body(request: Request):
    try:
        return json.loads(await request.body())
    except ValueError:
        raise ApiError(400, "bad_request", "The body is not JSON")


def price_line(quantity: decimal.Decimal, unit_cost_cents: int, markup_bps: int, f: Fields):
    """domain/cost_line.cpp's price_line: cost = quantity x unit cost, price = cost x (1 +
    markup), each rounded to the cent half away from zero, in integers."""
    thousandths = int(quantity * 1000)
    cost = divide_rounded(thousandths * unit_cost_cents, 1000)
    price = divide_rounded(cost * (10000 + markup_bps), 10000)
    if abs(cost) > MAX_CENTS:
        f.fail("unit_cost_cents", "quantity x unit cost is too large")
    if abs(price) > MAX_CENTS:
        f.fail("markup_bps", "the price with this markup is too large")
    return cost, price


def line_json(l: EstimateLine) -> dict:
    return {"id": l.id, "estimate_id": l.estimate_id, "position": l.position, "cost_code": l.cost_code,
            "cost_type": l.cost_type, "description": l.description, "quantity": quantity_text(l.quantity),
            "unit": l.unit, "unit_cost_cents": l.unit_cost_cents, "markup_bps": l.markup_bps,
            "taxable": l.taxable, "cost_cents": l.cost_cents, "price_cents": l.price_cents,
            "version": l.version, "created_at": rfc3339(l.created_at), "updated_at": rfc3339(l.updated_at)}


@app.post("/api/v1/estimates/{estimate_id}/lines", status_code=201)
def api_add_line(estimate_id: int, body=Depends(json_body), user=Depends(commercial_caller),
                 db: Session = Depends(get_db)):
    f = Fields(body)
    code, kind = f.cost_key()
    description = f.text("description", 500, True)
    if description is not None and not description.strip():
        f.fail("description", "is required")
    quantity = f.decimal("quantity", True)
    if quantity is not None and quantity < 0:
        f.fail("quantity", "must be 0 or more")
    unit = f.text("unit", 20) or ""
    unit_cost = f.integer("unit_cost_cents", 0, MAX_CENTS, True)
    markup = f.integer("markup_bps", 0, 100000)
    markup = 0 if markup is None else markup
    taxable = body.get("taxable", False)
    if not isinstance(taxable, bool):
        f.fail("taxable", "must be true or false")
    cost = price = 0
    if quantity is not None and unit_cost is not None:
        cost, price = price_line(quantity, unit_cost, markup, f)
    # the estimate, locked: only a draft's lines change
    e = (db.query(Estimate).filter(Estimate.org_id == user.org_id, Estimate.id == estimate_id)
         .with_for_update().first())
    if e is None:
        raise not_found()
    revised = db.query(Estimate.id).filter(Estimate.org_id == user.org_id,
                                           Estimate.revised_from_id == e.id).first()
    if e.status != "draft" or revised is not None:
        raise ApiError(409, "invalid_state", f"cannot edit an estimate that is {e.status} (only in draft)")
    f.done()
    position = body.get("position") or (db.query(func.coalesce(func.max(EstimateLine.position), 0))
                                        .filter(EstimateLine.org_id == user.org_id,
                                                EstimateLine.estimate_id == e.id).scalar() + 1)
    line = EstimateLine(org_id=user.org_id, estimate_id=e.id, position=position, cost_code=code,
                        cost_type=kind, description=description, quantity=quantity, unit=unit,
                        unit_cost_cents=unit_cost, markup_bps=markup, taxable=taxable, cost_cents=cost,
                        price_cents=price)
    db.add(line)
    db.flush()
    # the totals, from every line (operations/estimate_document.cpp's save_totals)
    cost_sum, subtotal, taxable_sum = (db.query(func.coalesce(func.sum(EstimateLine.cost_cents), 0),
                                                func.coalesce(func.sum(EstimateLine.price_cents), 0),
                                                func.coalesce(func.sum(EstimateLine.price_cents)
                                                              .filter(EstimateLine.taxable), 0))
                                       .filter(EstimateLine.org_id == user.org_id,
                                               EstimateLine.estimate_id == e.id).one())
    tax = divide_rounded(int(taxable_sum) * e.tax_bps, 10000)
    e.cost_cents, e.subtotal_cents, e.tax_cents = int(cost_sum), int(subtotal), tax
    e.total_cents = int(subtotal) + tax
    e.margin_bps = ratio_bps(int(subtotal) - int(cost_sum), int(subtotal))
    e.version += 1
    e.updated_at = func.now()
    db.commit()
    db.refresh(line)
    return JSONResponse(line_json(line), status_code=201,
                        headers={"Location": f"/api/v1/estimates/{e.id}/lines/{line.id}"})


@app.post("/api/v1/projects/{project_id}/vendor-bills", status_code=201)
def api_create_bill(project_id: int, body=Depends(json_body), user=Depends(commercial_caller),
                    db: Session = Depends(get_db)):
    f = Fields(body)
    number = f.text("number", 50, True, blank=False)
    party_id = f.integer("party_id", 1, 2 ** 63 - 1, True)
    commitment_id = f.integer("commitment_id", 1, 2 ** 63 - 1)
    bill_date = f.date("bill_date", True)
    due_date = f.date("due_date")
    if due_date and bill_date and due_date < bill_date:
        f.fail("due_date", "must be on or after bill_date")
    lines = body.get("lines") if isinstance(body, dict) else None
    if lines is None:
        lines = []
    elif not isinstance(lines, list):
        f.fail("lines", "must be an array")
        lines = []
    read = []
    for i, item in enumerate(lines[:200]):
        lf = Fields(item) if isinstance(item, dict) else None
        if lf is None:
            f.fail(f"lines[{i}]", "must be an object")
            continue
        code, kind = lf.cost_key()
        description = lf.text("description", 500, True)
        if description is not None and not description.strip():
            lf.fail("description", "is required")
        amount = lf.integer("amount_cents", -MAX_CENTS, MAX_CENTS, True)
        for name, message in lf.errors.items():
            f.fail(f"lines[{i}].{name}", message)
        read.append((code, kind, description, amount))
    project = api_project_of(db, user.org_id, project_id, lock=True)
    f.done()  # then the parties, as operations/vendor_bill_document.cpp checks them
    if party_id is not None:
        payee = db.query(Party.kind).filter(Party.org_id == user.org_id, Party.id == party_id).scalar()
        if payee is None:
            f.fail("party_id", "is not a party of this organisation")
        elif payee not in ("subcontractor", "vendor"):
            f.fail("party_id", f"must be a subcontractor or a vendor, not a {payee}")
    commitment = None
    if commitment_id is not None:
        commitment = (db.query(Commitment).filter(Commitment.org_id == user.org_id, Commitment.id == commitment_id)
                      .with_for_update().first())
        if commitment is None or commitment.project_id != project.id:
            f.fail("commitment_id", "is not a commitment of this project")
        elif commitment.party_id != party_id:
            f.fail("commitment_id", "is a commitment with another party than the bill's")
        elif commitment.status != "approved":
            f.fail("commitment_id", f"cannot bill a commitment that is {commitment.status}")
    f.done()
    amount = sum(a for _, _, _, a in read)
    retainage = divide_rounded(amount * commitment.retainage_bps, 10000) if commitment else 0
    bill = VendorBill(org_id=user.org_id, project_id=project.id, number=number, party_id=party_id,
                      commitment_id=commitment_id, bill_date=bill_date, due_date=due_date,
                      amount_cents=amount, retainage_cents=retainage, payable_cents=amount - retainage)
    db.add(bill)
    db.flush()
    lines = [VendorBillLine(org_id=user.org_id, vendor_bill_id=bill.id, cost_code=c, cost_type=k,
                            description=d, amount_cents=a) for c, k, d, a in read]
    db.add_all(lines)
    db.commit()
    db.refresh(bill)
    for line in lines:
        db.refresh(line)
    body = bill_json(bill)
    body["lines"] = [{"id": l.id, "vendor_bill_id": l.vendor_bill_id, "cost_code": l.cost_code,
                      "cost_type": l.cost_type, "description": l.description, "amount_cents": l.amount_cents,
                      "version": l.version, "created_at": rfc3339(l.created_at),
                      "updated_at": rfc3339(l.updated_at)} for l in lines]
    return JSONResponse(body, status_code=201, headers={"Location": f"/api/v1/vendor-bills/{bill.id}"})


@app.post("/api/v1/projects/{project_id}/daily-logs", status_code=201)
def api_create_log(project_id: int, body=Depends(json_body), user=Depends(field_writer),
                   db: Session = Depends(get_db)):
    f = Fields(body)
    log_date = f.date("log_date", True)
    weather = f.text("weather", 200) or ""
    high = f.integer("temp_high_c", -60, 60)
    low = f.integer("temp_low_c", -60, 60)
    if high is not None and low is not None and low > high:
        f.fail("temp_low_c", "must not be above temp_high_c")
    work = f.text("work_performed", 10000) or ""
    delays = f.text("delays", 10000) or ""
    crew = body.get("crew", [])
    if not isinstance(crew, list) or len(crew) > 100:
        f.fail("crew", "must hold at most 100 rows")
        crew = []
    rows = []
    for i, item in enumerate(crew):
        cf = Fields(item) if isinstance(item, dict) else None
        if cf is None:
            f.fail(f"crew[{i}]", "must be an object")
            continue
        party = cf.integer("party_id", 1, 2 ** 63 - 1)
        trade = cf.text("trade", 100, True, blank=False)
        headcount = cf.integer("headcount", 1, 1000, True)
        hours = cf.decimal("hours", True)
        if hours is not None and hours < 0:
            cf.fail("hours", "must be 0 or more")
        elif hours is not None and hours > 24 * (headcount or 0):
            cf.fail("hours", "must be at most 24 hours per head")
        for name, message in cf.errors.items():
            f.fail(f"crew[{i}].{name}", message)
        rows.append((party, trade, headcount, hours))
    f.done()
    project = api_project_of(db, user.org_id, project_id, lock=True)
    taken = db.query(DailyLog.id).filter(DailyLog.org_id == user.org_id, DailyLog.project_id == project.id,
                                         DailyLog.log_date == log_date).first()
    if taken is not None:
        raise ApiError(409, "conflict", f"The project already has a daily log for {log_date.isoformat()}")
    parties = {p for p, _, _, _ in rows if p}
    if parties:
        known = {i for (i,) in db.query(Party.id).filter(Party.org_id == user.org_id, Party.id.in_(parties))}
        for i, (p, _, _, _) in enumerate(rows):
            if p and p not in known:
                raise ApiError(422, "validation_failed", "Some fields are not valid",
                               {f"crew[{i}].party_id": "must be the id of one of your organisation's parties"})
    log = DailyLog(org_id=user.org_id, project_id=project.id, log_date=log_date, weather=weather,
                   temp_high_c=high, temp_low_c=low, work_performed=work, delays=delays)
    db.add(log)
    db.flush()
    db.add_all([DailyLogCrew(org_id=user.org_id, daily_log_id=log.id, position=i + 1, party_id=p, trade=t,
                             headcount=h, hours=hrs) for i, (p, t, h, hrs) in enumerate(rows)])
    db.commit()
    db.refresh(log)
    return JSONResponse({"id": log.id, "project_id": log.project_id, "log_date": log.log_date.isoformat(),
                         "weather": log.weather, "temp_high_c": log.temp_high_c, "temp_low_c": log.temp_low_c,
                         "work_performed": log.work_performed, "delays": log.delays, "status": log.status,
                         "submitted_at": None, "crew": [{"party_id": p, "trade": t, "headcount": h,
                                                         "hours": quantity_text(hrs)} for p, t, h, hrs in rows],
                         "version": log.version, "created_at": rfc3339(log.created_at),
                         "updated_at": rfc3339(log.updated_at)},
                        status_code=201, headers={"Location": f"/api/v1/daily-logs/{log.id}"})


# ---- the pay application's PDF --------------------------------------------------------------

@app.get("/api/v1/pay-applications/{application_id}/pdf")
def api_pay_application_pdf(application_id: int, user=Depends(commercial_caller), db: Session = Depends(get_db)):
    from pay_application_pdf import g702_g703  # reportlab: loaded by the first PDF only
    a, lines = pay_application_of(db, user.org_id, application_id)
    if a is None:
        raise not_found()
    project = db.query(Project).filter(Project.org_id == user.org_id, Project.id == a.project_id).one()
    parties = {p.id: p for p in db.query(Party).filter(
        Party.org_id == user.org_id, Party.id.in_([i for i in (project.client_id, project.architect_id) if i]))}
    org_name = db.get(Organisation, user.org_id).name
    client, architect = parties.get(project.client_id), parties.get(project.architect_id)
    g702, rows, totals = g702_lines(a), [g703_row(l) for l in lines], totals_of(lines)
    key = pdf_key(org_name, a, project, client, architect, g702, rows, totals) if pdf_cache.on else None
    pdf = pdf_cache.find(key) if key else None
    if pdf is None:
        pdf = g702_g703(org_name, a, project, client, architect, g702, rows, totals, readable, money)
        if key:
            pdf_cache.keep(key, pdf)
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="pay-application-{project.number}-{a.number}.pdf"'})


class PdfCache:
    """A process's drawn PDFs, least recently used out first under a bound on their bytes
    (ours: documents/pdf_cache). Nothing is invalidated: the key is a hash of everything the
    PDF shows, so a change is a new key and the old entry ages out. The route runs in the
    thread pool: a lock around the OrderedDict."""

    def __init__(self, max_bytes: int, max_entry_bytes: int, on: bool):
        self.max_bytes, self.max_entry_bytes, self.on = max_bytes, max_entry_bytes, on
        self.bytes = 0
        self.entries = collections.OrderedDict()  # key -> bytes, the most recent last
        self.lock = threading.Lock()

    def find(self, key: bytes) -> Optional[bytes]:
        with self.lock:
            pdf = self.entries.get(key)
            if pdf is not None:
                self.entries.move_to_end(key)
            return pdf

    def keep(self, key: bytes, pdf: bytes):
        if len(pdf) > self.max_entry_bytes:
            return
        with self.lock:
            if key in self.entries:  # another thread drew it meanwhile
                return
            self.entries[key] = pdf
            self.bytes += len(pdf)
            while self.bytes > self.max_bytes:
                _, old = self.entries.popitem(last=False)
                self.bytes -= len(old)


pdf_cache = PdfCache(8 << 20, 1 << 20, pages_app.KEEPS)


def pdf_key(org_name, a, project, client, architect, g702, rows, totals) -> bytes:
    """The SHA-256 of every input of g702_g703: what it reads of the application, the project
    and its parties, and the figures it prints (json.dumps with sorted keys: one text for one
    set of inputs)."""
    inputs = [org_name, a.number, iso(a.period_to), a.certified_cents,
              project.number, project.name, project.site_address, iso(project.start_date),
              [client.name, client.address] if client else None, architect.name if architect else None,
              g702, rows, totals]
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode()).digest()


def totals_of(lines) -> dict:
    sums = {name: sum(getattr(l, name) for l in lines) for name in PAY_G703 if name != "percent_complete_bps"}
    return {"scheduled": money(sums["scheduled_value_cents"]), "previous": money(sums["previous_cents"]),
            "this_period": money(sums["this_period_cents"]), "stored": money(sums["stored_cents"]),
            "completed": money(sums["completed_and_stored_cents"]),
            "percent": rate(ratio_bps(sums["completed_and_stored_cents"], sums["scheduled_value_cents"])),
            "balance": money(sums["balance_to_finish_cents"]), "retainage": money(sums["retainage_cents"])}


@app.get("/ready")
def ready():
    return {"ready": True}
