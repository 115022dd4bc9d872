"""Queueing a background task together with the data it is about."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend


def enqueue_with_transaction(task: Task[Any, Any], *args: Any) -> None:
    """Queues ``task`` so that it runs only if the current transaction commits, and cannot be lost once
    it has.

    With the database queue (the default: ``django_tasks_db``, worked off by ``db_worker``) the task's
    row is written inside the transaction: it commits together with the registration (or whatever the
    task is about) or not at all – a process that dies right after the commit cannot lose the
    confirmation mail of a registration it acknowledged, and no second commit is needed. Any other
    backend (the immediate one of tests and development runs the task at once, and the task must see
    committed data) is asked after the commit.
    """
    if isinstance(task.get_backend(), DatabaseBackend) and transaction.get_connection().in_atomic_block:
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args), robust=True)
