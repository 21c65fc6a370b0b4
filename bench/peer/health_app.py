"""The benchmark's peer: the same /health endpoint in FastAPI.

Run by Debian's gunicorn with uvicorn's worker class, as a Python shop would
deploy it (bench/health.sh does this):

    /usr/bin/gunicorn --chdir bench/peer -k uvicorn.workers.UvicornWorker \
        -w 2 -b 127.0.0.1:PORT health_app:app

Debian 12 ships uvicorn 0.17 without uvloop or httptools, so uvicorn's "auto"
choices fall back to the asyncio event loop and the h11 parser: that is the
peer as installed by `apt-get install gunicorn python3-uvicorn python3-fastapi`.
"""

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)


@app.get("/health", response_class=PlainTextResponse)
async def health() -> str:
    return "ok"
