"""/healthz: 200 when the database answers (and with ?worker=1, when a worker is alive),
503 otherwise; JSON for a load balancer or a monitoring probe."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from dangbo.worker.health import database_ok, worker_state


@never_cache
def healthz(request):
    body = {"database": "ok" if database_ok() else "down"}
    healthy = body["database"] == "ok"
    if healthy and request.GET.get("worker"):
        try:
            body["worker"] = worker_state()
        except Exception as error:  # noqa: BLE001 - Redis down, say so instead of a 500
            body["worker"] = {"ok": False, "error": type(error).__name__}
        healthy = body["worker"]["ok"]
    body["status"] = "ok" if healthy else "failing"
    return JsonResponse(body, status=200 if healthy else 503)
