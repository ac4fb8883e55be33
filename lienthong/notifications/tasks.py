"""Background work of the notifications (django-tasks; ``manage.py db_worker`` runs it)."""

from django_tasks import task

from lienthong.notifications import services


@task()
def deliver_messages(ids):
    for pk in ids:
        services.deliver(pk)


@task()
def retry_due_messages():
    return services.retry_due_messages()
