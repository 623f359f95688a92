"""gunicorn's settings for production (read from the working directory on start).

Workers are processes with threads: a request waiting on PostgreSQL or on WeasyPrint's PDF
does not hold up the others. The number of each comes from the environment, so a
deployment sizes them without a code change (docs/deployment.md)."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
# A worker is replaced after this many requests (a little jitter, so not all at once):
# memory a long-running process gathers is given back.
max_requests = 2000
max_requests_jitter = 200
# A PDF pack of papers is the slowest page; longer work goes to the background worker.
timeout = 60
graceful_timeout = 30
# How long an idle kept-alive connection stays open. gunicorn's default (2 s) closes a
# connection the client (or a proxy in front) may be sending its next request on at that
# moment, and the client sees the connection reset. Keep this longer than the idle
# timeout of whatever sits in front (a load balancer's is often 60 s), so the front
# closes first. An idle connection waits in the worker's poller, not on a thread.
keepalive = int(os.environ.get("WEB_KEEPALIVE", "75"))
# The access log names paths only (never query strings, which may hold filters); the
# application's own audit trail records who saw what.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
