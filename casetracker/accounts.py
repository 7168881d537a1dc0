"""Member accounts: roles as groups, sign-up, log-in (with the lockout backend), log-out, and the account page
(alerts, API token, webhook endpoints).

Roles are Django groups, checked by small helpers (``is_member``, ``is_editor``; an admin is staff or superuser); a later role is one more group and one more
helper over ``has_role``. Sign-up puts the new account in the "member" group (made by migration 0011_alerts);
an admin can add any account to it.
"""
from __future__ import annotations

import functools

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from casetracker.authentication import lockout_message, locked_for
from casetracker.models import Alert, WebhookEndpoint

MEMBER_GROUP = "member"
EDITOR_GROUP = "editor"  # made by migration 0013_review


# --------------------------------------------------------------------------- roles
def has_role(user, group: str) -> bool:
    """Whether an active, signed-in user is in a group (the user's groups are read once per request)."""
    if not (user is not None and getattr(user, "is_authenticated", False) and user.is_active):
        return False
    names = getattr(user, "_casetracker_groups", None)
    if names is None:
        names = user._casetracker_groups = set(user.groups.values_list("name", flat=True))
    return group in names


def is_member(user) -> bool:
    """May follow things and register webhooks: a member (or a superuser)."""
    return bool(has_role(user, MEMBER_GROUP) or getattr(user, "is_superuser", False) and user.is_active)


def is_editor(user) -> bool:
    """May review facts (confirm, correct, reject, merge, revert): an editor, or an admin (staff or superuser)."""
    return bool(has_role(user, EDITOR_GROUP) or is_admin(user))


def is_admin(user) -> bool:
    return bool(user is not None and getattr(user, "is_active", False)
                and (getattr(user, "is_staff", False) or getattr(user, "is_superuser", False)))


def editor_required(view):
    """A page or action for editors: anonymous visitors are sent to log in, other accounts get a 403."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if not is_editor(request.user):
            raise PermissionDenied("Reviewing needs an editor account.")
        return view(request, *args, **kwargs)

    return wrapper


def member_required(view):
    """A page for members: anonymous visitors are sent to log in, other accounts get a 403."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if not is_member(request.user):
            raise PermissionDenied("Following needs a member account.")
        return view(request, *args, **kwargs)

    return wrapper


def safe_next(request, default: str = "/accounts/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


# --------------------------------------------------------------------------- sign-up, log-in, log-out
class SignupForm(UserCreationForm):
    email = forms.EmailField(required=True, help_text="Alerts are sent here.")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this email address exists already: log in instead.")
        return email


class LoginForm(AuthenticationForm):
    """Says plainly when a username or client is locked out (casetracker.authentication)."""

    def clean(self):
        wait = locked_for(self.data.get("username"), self.request)
        if wait:
            raise forms.ValidationError(lockout_message(wait), code="locked")
        return super().clean()


def signup(request):
    if not settings.SIGNUP_OPEN:
        raise Http404("sign-up is closed: ask an administrator for an account")
    if request.user.is_authenticated:
        return redirect(safe_next(request))
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        user.groups.add(Group.objects.get_or_create(name=MEMBER_GROUP)[0])
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        messages.success(request, "Welcome! Follow a case, a party or a search from its page.")
        return redirect(safe_next(request))
    return render(request, "accounts/signup.html", {"form": form, "next": safe_next(request, "")})


login_view = auth_views.LoginView.as_view(template_name="accounts/login.html", authentication_form=LoginForm,
                                          redirect_authenticated_user=True)
logout_view = auth_views.LogoutView.as_view()  # POST only (Django 5)


# --------------------------------------------------------------------------- the account page
def account(request):
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    user = request.user
    return render(request, "accounts/account.html", {
        "member": is_member(user),
        "alerts": Alert.objects.filter(user=user).select_related("case", "party"),
        "endpoints": WebhookEndpoint.objects.filter(user=user),
        "token": Token.objects.filter(user=user).first(),
        "frequencies": Alert.Frequency.choices, "roles": Alert.Role.choices,
    })


@require_POST
def token_regenerate(request):
    """A new API token (the old one stops working at once)."""
    if not request.user.is_authenticated:
        raise PermissionDenied("log in first")
    Token.objects.filter(user=request.user).delete()
    Token.objects.create(user=request.user)
    messages.success(request, "Your new API token is below; the old one no longer works.")
    return redirect("account")
