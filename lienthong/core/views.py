from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from lienthong.accounts import selectors as account_selectors


@login_required
def home(request):
    return render(request, "core/home.html", account_selectors.home_summary(request.user))


def health(request):
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
