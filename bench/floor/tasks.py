from celery import shared_task

# Not a product task, so not in common.tasknames: only the bench worker registers it.
NOOP = "bench.floor.noop"


@shared_task(name=NOOP, acks_late=True)
def noop(user_id: int) -> None:
    """The floor of a task: the same message and worker, no work."""
