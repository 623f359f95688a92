"""Work off the background queue in the test's process through the worker's own code:
django-q2's pusher takes the queued tasks from the database broker, a worker runs them and
the monitor records each result and acknowledges it (removes it from the queue)."""

from __future__ import annotations

from multiprocessing import Event, Queue, Value

from django_q.brokers import get_broker
from django_q.monitor import monitor
from django_q.pusher import pusher
from django_q.worker import worker


def work_off_queue() -> None:
    broker = get_broker()
    tasks: Queue = Queue()
    results: Queue = Queue()
    once = Event()
    once.set()  # the pusher takes what is queued now, once
    pusher(tasks, once, broker)
    tasks.put("STOP")
    worker(tasks, results, Value("f", -1))
    results.put("STOP")
    monitor(results, broker)
