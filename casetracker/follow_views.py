"""Pages of following: the follow button (htmx; a plain form without JavaScript), a member's alerts (change, pause,
delete), the one-click unsubscribe (signed link, no login), and webhook endpoints with their delivery logs."""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from casetracker import alerts as alerts_mod, following, webhooks
from casetracker.accounts import member_required, safe_next
from casetracker.models import Alert, Case, Party, WebhookDelivery, WebhookEndpoint


class FollowForm(forms.Form):
    case = forms.SlugField(required=False, max_length=520)
    party = forms.SlugField(required=False, max_length=320)
    role = forms.ChoiceField(required=False, choices=[("", "in any role"), *Alert.Role.choices])
    query = forms.CharField(required=False, max_length=4000)
    frequency = forms.ChoiceField(choices=Alert.Frequency.choices, initial=Alert.Frequency.REALTIME)
    note = forms.CharField(required=False, max_length=1000)

    def clean(self):
        data = super().clean()
        given = [name for name in ("case", "party", "query") if data.get(name)]
        if len(given) != 1:
            raise forms.ValidationError("Follow one thing: a case, a party or a search.")
        if data.get("case"):
            data["case_obj"] = Case.objects.filter(slug=data["case"]).first()
            if data["case_obj"] is None:
                raise forms.ValidationError("No such case.")
        if data.get("party"):
            data["party_obj"] = Party.objects.filter(slug=data["party"]).first()
            if data["party_obj"] is None:
                raise forms.ValidationError("No such party.")
        if data.get("query"):
            try:
                data["query"] = following.normalise_query(data["query"])
            except ValueError as e:
                raise forms.ValidationError(str(e)) from e
        return data


class AlertForm(forms.Form):
    frequency = forms.ChoiceField(choices=Alert.Frequency.choices)
    note = forms.CharField(required=False, max_length=1000)
    email = forms.BooleanField(required=False)
    webhook = forms.BooleanField(required=False)


def _follow_block(request, form_data: dict, **thing):
    state = following.follow_state(request.user, **thing)
    return render(request, "follow.html#follow", {"follow": state, "follow_thing": form_data,
                                                  "next": safe_next(request, "/")})


@require_POST
@member_required
def follow(request):
    form = FollowForm(request.POST)
    if not form.is_valid():
        message = " ".join(e for errors in form.errors.values() for e in errors)
        if request.htmx:
            return HttpResponseBadRequest(message)
        messages.error(request, message)
        return redirect(safe_next(request, "/"))
    data = form.cleaned_data
    thing = {"case": data.get("case_obj"), "party": data.get("party_obj"), "query": data.get("query") or ""}
    following.alert_create(user=request.user, role=data.get("role") or "", frequency=data["frequency"],
                           note=data.get("note") or "", **thing)
    if request.htmx:
        return _follow_block(request, {k: request.POST.get(k, "") for k in ("case", "party", "query")}, **{
            k: v for k, v in thing.items() if v})
    messages.success(request, "Followed. Manage your alerts on your account page.")
    return redirect(safe_next(request, "/accounts/"))


def _own_alert(request, pk) -> Alert:
    return get_object_or_404(Alert.objects.select_related("case", "party"), pk=pk, user=request.user)


@require_POST
@member_required
def alert_change(request, pk):
    alert = _own_alert(request, pk)
    form = AlertForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        following.alert_update(alert=alert, **form.cleaned_data)
        messages.success(request, f"Alert on {alert.target} changed.")
    return redirect(safe_next(request))


@require_POST
@member_required
def alert_pause(request, pk):
    alert = _own_alert(request, pk)
    following.alert_update(alert=alert, paused=not alert.paused)
    messages.success(request, f"Alert on {alert.target} {'paused' if alert.paused else 'resumed'}.")
    return redirect(safe_next(request))


@require_POST
@member_required
def alert_delete(request, pk):
    alert = _own_alert(request, pk)
    target = alert.target
    following.alert_delete(alert=alert)
    messages.success(request, f"Alert on {target} deleted.")
    return redirect(safe_next(request))


@csrf_exempt  # the signed token is the authority; mail clients POST "List-Unsubscribe=One-Click" (RFC 8058)
def unsubscribe(request, token):
    """GET shows the alert and one button; POST (the button, or a mail client's one-click) pauses it. A link
    scanner that fetches every URL of a message therefore unsubscribes no one."""
    alert = alerts_mod.alert_from_token(token)
    if alert is None:
        return render(request, "accounts/unsubscribe.html", {"invalid": True}, status=404)
    done = False
    if request.method == "POST":
        following.alert_update(alert=alert, paused=True)
        done = True
    return render(request, "accounts/unsubscribe.html", {"alert": alert, "done": done, "token": token})


# --------------------------------------------------------------------------- webhook endpoints
def _own_endpoint(request, pk) -> WebhookEndpoint:
    return get_object_or_404(WebhookEndpoint, pk=pk, user=request.user)


@require_POST
@member_required
def endpoint_add(request):
    try:
        endpoint = webhooks.endpoint_create(user=request.user, url=request.POST.get("url", "").strip(),
                                            description=request.POST.get("description", ""))
    except ValueError as e:
        messages.error(request, str(e))
        return redirect("account")
    request.session[f"webhook-secret-{endpoint.pk}"] = endpoint.secret  # shown once, on the next page
    return redirect("webhook-detail", pk=endpoint.pk)


@member_required
def endpoint_detail(request, pk):
    endpoint = _own_endpoint(request, pk)
    deliveries = list(endpoint.deliveries.prefetch_related("attempt_log")[:50])
    return render(request, "accounts/webhook.html", {
        "endpoint": endpoint, "deliveries": deliveries,
        "secret": request.session.pop(f"webhook-secret-{endpoint.pk}", None)})


@require_POST
@member_required
def endpoint_action(request, pk, action):
    endpoint = _own_endpoint(request, pk)
    if action == "test":
        webhooks.send_test(endpoint=endpoint)
        messages.success(request, "Test event queued: its delivery is at the top of the log.")
    elif action == "enable":
        n = webhooks.endpoint_enable(endpoint=endpoint)
        messages.success(request, f"Endpoint enabled; {n} missed deliver{'y' if n == 1 else 'ies'} replayed.")
    elif action == "disable":
        webhooks.endpoint_disable(endpoint=endpoint)
        messages.success(request, "Endpoint disabled: alerts wait for it until you enable it again.")
    elif action == "delete":
        endpoint.delete()
        messages.success(request, "Endpoint deleted.")
        return redirect("account")
    else:
        return HttpResponseBadRequest("unknown action")
    return redirect("webhook-detail", pk=endpoint.pk)


@require_POST
@member_required
def delivery_resend(request, pk, delivery_pk):
    endpoint = _own_endpoint(request, pk)
    delivery = get_object_or_404(WebhookDelivery, pk=delivery_pk, endpoint=endpoint)
    try:
        with transaction.atomic():
            webhooks.resend(delivery=delivery)
        messages.success(request, f"Delivery {delivery.msg_id} queued again.")
    except ValueError as e:
        messages.error(request, str(e))
    return redirect("webhook-detail", pk=endpoint.pk)

