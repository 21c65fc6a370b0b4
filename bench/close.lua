-- wrk script: every request asks for `Connection: close`, so each request is
-- a new TCP connection (wrk reconnects after the server closes).
wrk.headers["Connection"] = "close"
