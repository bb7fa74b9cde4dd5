"""The staff's two-factor pages: enrol, verify, recover, manage, and administrators' resets.

Enrol, verify and recover sit on the admin's log-in furniture (no menu: the session is not
trusted yet); managing one's own 2FA and resetting others' are ordinary admin pages.
Every form shows a summary of its errors at the top, linked to the field.
"""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from communitysafety.home import two_factor

NEW_CODES_SESSION_KEY = "two_factor_new_codes"


class CodeForm(forms.Form):
    """The six-digit code from the authenticator app."""

    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=10,
        help_text=gettext_lazy("The six-digit code the app shows now, for example 123456."),
        error_messages={"required": gettext_lazy("Enter the code from your authenticator app")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].replace(" ", "")
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("Enter the code as six digits, for example 123456"))
        return code


class RecoveryForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Recovery code"),
        max_length=20,
        help_text=gettext_lazy(
            "One of the codes you saved when you set up two-factor, for example ABCD-EFGH-JKLM."
        ),
        error_messages={"required": gettext_lazy("Enter one of your recovery codes")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _staff_only(request: HttpRequest) -> None:
    if not two_factor.is_staff_user(request.user):
        raise PermissionDenied


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308  (our own SVG)


def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), then enter a code."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    _staff_only(request)
    if two_factor.authenticator(request.user) is not None:
        # Replacing an authenticator needs the old one (or a reset): never from half a login.
        return redirect("two_factor_manage" if request.user.is_verified() else "two_factor_verify")
    device = two_factor.start_enrolment(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_enrolment(request, device, form.cleaned_data["code"])
        if codes is not None:
            request.session[NEW_CODES_SESSION_KEY] = codes
            return HttpResponseRedirect(
                f"{reverse('two_factor_recovery_codes')}?{urlencode({'next': _next_url(request)})}"
            )
        form.add_error(
            "code",
            _("That code is not right. Check the time on your phone and enter the newest code"),
        )
    uri = device.config_url
    context = {
        "form": form,
        "secret": b32encode(device.bin_key).decode(),
        "otpauth_uri": uri,
        "qr_svg": _qr_svg(uri),
        "next": _next_url(request),
        "required": two_factor.two_factor_required(request.user),
    }
    return render(request, "home/two_factor/enrol.html", context)


def verify(request: HttpRequest) -> HttpResponse:
    """The second step of every staff login: a code from the authenticator app."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    _staff_only(request)
    if request.user.is_verified():
        return HttpResponseRedirect(_next_url(request))
    if two_factor.authenticator(request.user) is None:
        return redirect(f"{reverse('two_factor_enrol')}?{urlencode({'next': _next_url(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, form.cleaned_data["code"]):
            return HttpResponseRedirect(_next_url(request))
        form.add_error("code", _("That code is not right. Enter the newest code the app shows"))
    context = {"form": form, "next": _next_url(request)}
    return render(request, "home/two_factor/verify.html", context)


def recovery(request: HttpRequest) -> HttpResponse:
    """Sign in with a recovery code when the phone with the authenticator is lost."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    _staff_only(request)
    form = RecoveryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.use_recovery_code(request, form.cleaned_data["code"]):
            messages.warning(
                request,
                _(
                    "You used a recovery code. It will not work again. If your phone is lost, "
                    "reset your authenticator app now."
                ),
            )
            return redirect("two_factor_manage")
        form.add_error("code", _("That recovery code is not right, or it has been used"))
    context = {"form": form, "next": _next_url(request)}
    return render(request, "home/two_factor/recovery.html", context)


def recovery_codes_shown(request: HttpRequest) -> HttpResponse:
    """New recovery codes, shown once (they are kept only as hashes)."""
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("two_factor_manage")
    return render(
        request, "home/two_factor/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
    )


def manage(request: HttpRequest) -> HttpResponse:
    """Your two-factor settings: new recovery codes, or a new authenticator app."""
    _staff_only(request)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "recovery_codes" and two_factor.authenticator(request.user):
            request.session[NEW_CODES_SESSION_KEY] = two_factor.issue_recovery_codes(
                request.user, by=request.user
            )
            return redirect("two_factor_recovery_codes")
        if action == "reset":
            two_factor.reset_two_factor(request.user, by=request.user)
            return redirect("two_factor_enrol")
    device = two_factor.authenticator(request.user)
    codes = two_factor.recovery_codes(request.user)
    context = {
        "device": device,
        "remaining": codes.remaining() if codes else 0,
        "required": two_factor.two_factor_required(request.user),
    }
    return render(request, "home/two_factor/manage.html", context)


def _can_reset_others(request: HttpRequest) -> None:
    if not request.user.has_perm("auth.change_user"):
        raise PermissionDenied


def staff_status(request: HttpRequest) -> HttpResponse:
    """Administrators: every staff account's two-factor status, with a reset for each."""
    _can_reset_others(request)
    users = (
        get_user_model()
        .objects.filter(
            Q(is_staff=True) | Q(is_superuser=True) | Q(groups__isnull=False), is_active=True
        )
        .distinct()
        .annotate(
            has_authenticator=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        )
        .order_by("username")
        .prefetch_related("groups")
    )
    rows = [{"user": user, "required": two_factor.two_factor_required(user)} for user in users]
    return render(request, "home/two_factor/staff.html", {"rows": rows})


@require_POST
def reset_staff(request: HttpRequest, pk: int) -> HttpResponse:
    """Administrators: remove a staff member's authenticator and codes (they enrol again)."""
    _can_reset_others(request)
    user = get_object_or_404(get_user_model(), pk=pk)
    two_factor.reset_two_factor(user, by=request.user)
    messages.success(
        request,
        _(
            "Two-factor authentication was reset for %(name)s. They will set it up again at "
            "their next sign-in."
        )
        % {"name": user.get_username()},
    )
    return redirect("two_factor_staff")
