"""Login in two steps: password, then the TOTP code (set up on first login)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from familienbuero.accounts import permissions, services
from familienbuero.accounts.forms import LoginForm, TokenForm
from familienbuero.core.ratelimits import login_limit, second_factor_limit


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return reverse("accounts:home")


def _with_next(url_name: str, next_url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse(url_name)}?{urlencode({'next': next_url})}")


@method_decorator(login_limit, name="post")
class StaffLoginView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def form_valid(self, form: LoginForm) -> HttpResponse:
        user = form.get_user()
        auth_login(self.request, user)
        target = "accounts:verify" if services.confirmed_devices(user) else "accounts:setup"
        return _with_next(target, _next_url(self.request))


@login_required
@second_factor_limit
def verify(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not services.confirmed_devices(request.user):
        return _with_next("accounts:setup", _next_url(request))
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.verify_second_factor(
                request=request, user=request.user, token=form.cleaned_data["token"]
            )
        except services.TokenRejected:
            form.add_error(
                "token",
                _(
                    "This code is not valid. Wait for the next code and try again; after several wrong codes "
                    "you must wait a little longer each time."
                ),
            )
        else:
            return redirect(_next_url(request))
    status = 422 if request.method == "POST" else 200
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)}, status=status)


@login_required
@second_factor_limit
def setup(request: HttpRequest) -> HttpResponse:
    if services.confirmed_devices(request.user):
        # A second authenticator may only be added after verifying with the first one.
        return _with_next("accounts:verify", _next_url(request))
    device = services.pending_device(request.user)
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_new_device(request=request, user=request.user, token=form.cleaned_data["token"])
        except services.TokenRejected:
            form.add_error(
                "token", _("This code does not match. Check the time on your phone and try again.")
            )
        else:
            messages.success(request, _("Two-factor authentication is set up."))
            return redirect(_next_url(request))
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": services.device_qr_svg(device),
        "secret": services.device_secret(device),
    }
    return render(request, "accounts/setup.html", context, status=422 if request.method == "POST" else 200)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You are logged out."))
    return redirect("accounts:login")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """After login: the back office of the user's (first) municipality, or the administration."""
    if not request.user.is_verified():
        return _with_next("accounts:verify", request.get_full_path())
    memberships = permissions.memberships_of(request.user)
    if memberships:
        municipality = memberships[0].municipality
        language = request.user.preferred_language
        return redirect("tenancy:staff-dashboard", municipality_slug=municipality.slug, language=language)
    if permissions.can_use_admin(request.user):
        return redirect("admin:index")
    return render(request, "accounts/no_role.html", status=403)
