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
  GET /          the organisation's active projects (50 at most), each with
                 its contract sum, billed, retainage held and outstanding (as
                 ours: from the original contract sum, no documents read)
  GET /projects  its projects (the first 50, one more read to know there are
                 more), the clients for the new-project form
rendered into the same HTML (templates/, translated from views/templates/):
money with thousands separators, readable dates, the CSRF token (HMAC of
the session's nonce) in the layout and the form. Plain `def` routes with a
Session dependency, as the tutorial writes them; Jinja2's autoescape on.

`python3 pages_app.py cookie USER_ID ORG_ID` prints a session cookie value
for SECRET_KEY (the bench logs in with it; the peer has no password check).
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
from sqlalchemy import BigInteger, Boolean, Column, Date, Text, create_engine
from sqlalchemy.orm import Session, declarative_base, sessionmaker

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
Base = declarative_base()


class Organisation(Base):
    __tablename__ = "organisations"
    id = Column(BigInteger, primary_key=True)
    name = Column(Text, nullable=False)


class User(Base):
    __tablename__ = "users"
    id = Column(BigInteger, primary_key=True)
    org_id = Column(BigInteger, nullable=False)
    email = Column(Text, nullable=False)
    name = Column(Text, nullable=False)
    role = Column(Text, nullable=False)
    active = Column(Boolean, nullable=False)


class Party(Base):
    __tablename__ = "parties"
    id = Column(BigInteger, primary_key=True)
    org_id = Column(BigInteger, nullable=False)
    kind = Column(Text, nullable=False)
    name = Column(Text, nullable=False)


class Project(Base):
    __tablename__ = "projects"
    id = Column(BigInteger, primary_key=True)
    org_id = Column(BigInteger, nullable=False)
    number = Column(Text, nullable=False)
    name = Column(Text, nullable=False)
    status = Column(Text, nullable=False)
    start_date = Column(Date)
    original_contract_sum_cents = Column(BigInteger, nullable=False)


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


@app.get("/", response_class=HTMLResponse)
def dashboard(who: LoggedIn = Depends(logged_in), db: Session = Depends(get_db)):
    projects = (db.query(Project)
                .filter(Project.org_id == who.user.org_id, Project.status == "active")
                .order_by(Project.id).limit(51).all())[:50]
    rows, total = [], 0
    for p in projects:
        total += p.original_contract_sum_cents
        rows.append({"id": p.id, "number": p.number, "name": p.name,
                     "contract_sum": money(p.original_contract_sum_cents),
                     "billed": money(0), "retainage": money(0), "outstanding": money(0)})
    return templates.get_template("dashboard.html").render(
        **layout_data(who, "/", "Dashboard"), projects=rows, contract_total=money(total),
        today=datetime.date.today().isoformat(), can_create=who.user.role in ("owner", "manager"))


@app.get("/projects", response_class=HTMLResponse)
def projects_page(who: LoggedIn = Depends(logged_in), db: Session = Depends(get_db)):
    found = (db.query(Project).filter(Project.org_id == who.user.org_id)
             .order_by(Project.id).limit(51).all())
    rows = [{"id": p.id, "number": p.number, "name": p.name, "status": STATUS_LABEL.get(p.status, p.status),
             "start": readable(p.start_date), "contract_sum": money(p.original_contract_sum_cents)}
            for p in found[:50]]
    can_create = who.user.role in ("owner", "manager")
    clients = []
    if can_create:
        clients = (db.query(Party).filter(Party.org_id == who.user.org_id, Party.kind == "client")
                   .order_by(Party.id).limit(200).all())
    return templates.get_template("projects.html").render(
        **layout_data(who, "/projects", "Projects"), projects=rows, more=len(found) > 50,
        statuses=STATUS_OPTIONS, q="", status="", can_create=can_create, clients=clients)


@app.get("/ready")
def ready():
    return {"ready": True}


@app.exception_handler(HTTPException)
async def redirect(request, exc: HTTPException):
    return RedirectResponse(exc.headers["Location"], status_code=303)
