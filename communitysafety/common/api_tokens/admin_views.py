"""Admin pages (Settings → API tokens): issue a token for a chosen lifetime, see when it
was last used and when it expires, revoke it.

Staff with `api_tokens.add_apitoken` (Moderators, Analysts, Administrators) issue and
revoke their own tokens; `api_tokens.change_apitoken` (Administrators) sees and revokes
everyone's. The key is shown once, on the page that answers the creating POST, and is
never stored, logged or put in a URL.
"""

from __future__ import annotations

from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from communitysafety.common.api_tokens import audit
from communitysafety.common.api_tokens.models import (
    DEFAULT_LIFETIME,
    EXPIRY_WARNING_DAYS,
    ApiToken,
    ApiTokenLifetime,
    ApiTokenScope,
)

ISSUE_PERMISSION = "api_tokens.add_apitoken"
MANAGE_ALL_PERMISSION = "api_tokens.change_apitoken"


def may_use_tokens(user) -> bool:
    """Who sees the API tokens pages at all."""
    return user.has_perm(ISSUE_PERMISSION) or user.has_perm(MANAGE_ALL_PERMISSION)


def _token_staff(view):
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_use_tokens(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("Which partner system uses it, and for what."),
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("What it may read"),
        choices=ApiTokenScope.choices,
        initial=ApiTokenScope.AGGREGATE,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Staff endpoints: the ones your own role may read, for as long as you hold it."
        ),
    )
    lifetime = forms.TypedChoiceField(
        label=gettext_lazy("How long it lasts"),
        choices=ApiTokenLifetime.choices,
        coerce=int,
        initial=DEFAULT_LIFETIME,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "The token stops working after this. Choose the shortest the partner can work "
            "with, and create a new token before it expires."
        ),
    )


@_token_staff
@never_cache
def index(request: HttpRequest) -> HttpResponse:
    tokens = ApiToken.objects.visible_to(request.user).select_related("user", "revoked_by")
    return TemplateResponse(
        request,
        "api_tokens/admin/index.html",
        {
            "tokens": tokens,
            "may_issue": request.user.has_perm(ISSUE_PERMISSION),
            "shows_everyone": request.user.has_perm(MANAGE_ALL_PERMISSION),
            "warning_days": EXPIRY_WARNING_DAYS,
        },
    )


@_token_staff
@never_cache
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(ISSUE_PERMISSION):
        raise PermissionDenied
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, key = ApiToken.issue(
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            user=request.user,
            lifetime=form.cleaned_data["lifetime"],
        )
        audit.record_created(token, request.user)
        # Answer the POST itself (no redirect): the key is on this one page only, and
        # never_cache keeps it out of every cache (Cache-Control: no-store).
        return TemplateResponse(
            request, "api_tokens/admin/created.html", {"token": token, "key": key}
        )
    return TemplateResponse(request, "api_tokens/admin/create.html", {"form": form})


@_token_staff
@never_cache
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.visible_to(request.user), pk=pk)
    if request.method == "POST":
        if token.revoke(by=request.user):
            audit.record_revoked(token, request.user)
            messages.success(request, _("API token “%(name)s” revoked.") % {"name": token.name})
        return redirect("api_tokens_index")
    return TemplateResponse(request, "api_tokens/admin/revoke.html", {"token": token})
