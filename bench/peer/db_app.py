"""The database benchmark's peer (issues 4 and 5): FastAPI + SQLAlchemy.

Written the way the FastAPI tutorial ("SQL (Relational) Databases") writes
it, which is what a typical FastAPI shop runs: ORM models, a `SessionLocal`
factory, a `get_db` dependency that yields a Session, and plain `def` routes
(FastAPI runs them, and the sync dependencies, in its thread pool), a
Pydantic `response_model` with `orm_mode` serialising the rows. Run by
Debian's gunicorn with uvicorn's worker class (bench/database.sh does this):

    DATABASE_URL=postgresql://... /usr/bin/gunicorn --chdir bench/peer \
        -k uvicorn.workers.UvicornWorker -w 2 -b 127.0.0.1:PORT db_app:app

Routes, each the same work as ours:
  GET /ready                  SELECT 1 (ours: /ready)
  GET /organisations/{id}     SELECT name FROM organisations WHERE id = $1
                              (ours: the test server's /db/organisations/{id})
  GET /api/v1/projects        Bearer token: SHA-256 of the token, one query on
                              api_tokens.token_hash joined to the active user,
                              a constant-time recheck; then the organisation's
                              projects in id order, limit + 1 (the extra row
                              only says there is a next page), serialised with
                              the same fields and formats as ours:
                              {"data": [...], "next_cursor": null|"id"}
The same three under /async/...: `async def` routes that do all their
database work in one `run_in_threadpool` call (the other common idiom: one
thread hop per request instead of one per sync dependency and route).

The engine: create_engine(pool_size=5, max_overflow=10), psycopg2, as ours
(SQLALCHEMY_POOL_SIZE=5, SQLALCHEMY_MAX_OVERFLOW=10 per worker).
"""

import datetime
import hashlib
import hmac
import os
import re
from typing import List, Optional

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from sqlalchemy import and_, create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from models import ApiToken, Organisation, Project, User

engine = create_engine(os.environ["DATABASE_URL"], pool_size=5, max_overflow=10,
                       pool_pre_ping=False, future=True)
SessionLocal = sessionmaker(bind=engine, autoflush=False, autocommit=False, future=True)


def rfc3339(t: datetime.datetime) -> str:  # as ours: UTC, to the second
    return t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class ProjectOut(BaseModel):
    id: int
    number: str
    name: str
    client_id: Optional[int]
    site_address: str
    status: str
    contract_type: str
    retainage_work_bps: int
    retainage_stored_bps: int
    start_date: Optional[datetime.date]
    completion_date: Optional[datetime.date]
    original_contract_sum_cents: int
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime

    class Config:
        orm_mode = True
        json_encoders = {datetime.datetime: rfc3339}


class ProjectPage(BaseModel):
    data: List[ProjectOut]
    next_cursor: Optional[str]

    class Config:
        json_encoders = {datetime.datetime: rfc3339}


app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
bearer = HTTPBearer(auto_error=False)
TOKEN_RE = re.compile(r"cst_[A-Za-z0-9_-]{43}")


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


def unauthorized() -> HTTPException:
    return HTTPException(status_code=401, detail="The token is not valid")


def caller_of(token: Optional[str], db: Session) -> User:
    if not token or not TOKEN_RE.fullmatch(token):
        raise unauthorized()
    digest = hashlib.sha256(token.encode()).digest()
    found = (db.query(ApiToken, User)
             .join(User, and_(User.org_id == ApiToken.org_id, User.id == ApiToken.user_id))
             .filter(ApiToken.token_hash == digest, ApiToken.revoked_at.is_(None),
                     User.active.is_(True))
             .first())
    if found is None or not hmac.compare_digest(bytes(found[0].token_hash), digest):
        raise unauthorized()
    return found[1]  # every role may read projects


def current_user(credentials: Optional[HTTPAuthorizationCredentials] = Depends(bearer),
                 db: Session = Depends(get_db)) -> User:
    return caller_of(credentials.credentials if credentials else None, db)


def project_page(db: Session, org_id: int, limit: int = 50) -> ProjectPage:
    rows = (db.query(Project).filter(Project.org_id == org_id)
            .order_by(Project.id).limit(limit + 1).all())
    more = len(rows) > limit
    rows = rows[:limit]
    return ProjectPage(data=[ProjectOut.from_orm(p) for p in rows],
                       next_cursor=str(rows[-1].id) if more else None)


def organisation_name(db: Session, org_id: int):
    org = db.get(Organisation, org_id)
    return {"name": org.name} if org else None


# ---- the tutorial's idiom: sync def routes, a Session from a dependency ------

@app.get("/ready")
def ready(db: Session = Depends(get_db)):
    db.execute(text("SELECT 1"))
    return {"database": "ok"}


@app.get("/organisations/{org_id}")
def organisation(org_id: int, db: Session = Depends(get_db)):
    found = organisation_name(db, org_id)
    if found is None:
        raise HTTPException(status_code=404, detail="not_found")
    return found


@app.get("/api/v1/projects", response_model=ProjectPage)
def projects(user: User = Depends(current_user), db: Session = Depends(get_db)):
    return project_page(db, user.org_id)


# ---- async def routes, the database work in one run_in_threadpool call ------

def in_session(work):
    with SessionLocal() as db:
        return work(db)


@app.get("/async/ready")
async def ready_async():
    await run_in_threadpool(in_session, lambda db: db.execute(text("SELECT 1")))
    return {"database": "ok"}


@app.get("/async/organisations/{org_id}")
async def organisation_async(org_id: int):
    found = await run_in_threadpool(in_session, lambda db: organisation_name(db, org_id))
    if found is None:
        raise HTTPException(status_code=404, detail="not_found")
    return found


@app.get("/async/api/v1/projects", response_model=ProjectPage)
async def projects_async(request: Request):
    credentials = await bearer(request)
    token = credentials.credentials if credentials else None
    return await run_in_threadpool(
        in_session, lambda db: project_page(db, caller_of(token, db).org_id))


@app.exception_handler(HTTPException)
async def error_body(request: Request, exc: HTTPException):  # our error shape, roughly
    return JSONResponse({"error": {"code": str(exc.detail)}}, status_code=exc.status_code)
