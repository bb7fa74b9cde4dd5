"""Who may open what, as data: per URL pattern, the path to try, the method and the
outcome each role should get, and the admin viewsets each role may list.

`test_access_matrix.py` walks every URL and API path and fails until a new one is given
its expected outcomes here.
"""

ROLES = ("anonymous", "subscriber", "editor", "moderator", "analyst", "admin")

OK, LOGIN, DENIED, NOT_FOUND = "ok", "login", "denied", "404"

PUBLIC = dict.fromkeys(ROLES, OK)
STAFF_ADMIN = {"anonymous": LOGIN, "subscriber": LOGIN}


def only(*allowed: str) -> dict[str, str]:
    """Staff pages: anonymous users are sent to log in, other roles are refused."""
    return {
        **STAFF_ADMIN,
        **{role: (OK if role in allowed else DENIED) for role in ROLES[2:]},
        "admin": OK,
    }


def api_only(*allowed: str) -> dict[str, str]:
    """Staff API endpoints answer 403 (no log-in redirect for an API)."""
    return {role: (OK if role in allowed or role == "admin" else DENIED) for role in ROLES}


ANALYSTS_ONLY = only("analyst")
MODERATORS_ONLY = only("moderator")
EDITORS_ONLY = only("editor")
TOKEN_HOLDER = {**dict.fromkeys(ROLES, "invalid"), "subscriber": OK}
NOBODY_WITHOUT_TOKEN = dict.fromkeys(ROLES, "401")

# path pattern → (concrete path built from the fixture data, method, expected per role)
ROUTES = {
    "healthz": (lambda d: "/healthz", "get", PUBLIC),
    "robots.txt": (lambda d: "/robots.txt", "get", PUBLIC),
    # surveys: the annual survey
    "survey/<slug:slug>/start/": (lambda d: "/survey/annual-survey/start/", "get", PUBLIC),
    "survey/<slug:slug>/assisted/": (
        lambda d: "/survey/annual-survey/assisted/",
        "get",
        ANALYSTS_ONLY,
    ),
    "survey/<slug:slug>/section/<int:section_id>/": (
        lambda d: f"/survey/annual-survey/section/{d['wave'].sections.first().pk}/",
        "get",
        PUBLIC,
    ),
    "survey/<slug:slug>/about-you/": (lambda d: "/survey/annual-survey/about-you/", "get", PUBLIC),
    "survey/<slug:slug>/check/": (lambda d: "/survey/annual-survey/check/", "get", PUBLIC),
    "survey/<slug:slug>/done/": (lambda d: "/survey/annual-survey/done/", "get", PUBLIC),
    "survey/<slug:slug>/save/": (lambda d: "/survey/annual-survey/save/", "get", PUBLIC),
    "survey/<slug:slug>/resume/": (lambda d: "/survey/annual-survey/resume/", "get", PUBLIC),
    "admin/survey-waves/": (lambda d: "/admin/survey-waves/", "get", only("editor", "analyst")),
    "admin/survey-waves/<int:pk>/sample/": (
        lambda d: f"/admin/survey-waves/{d['wave'].pk}/sample/",
        "get",
        ANALYSTS_ONLY,
    ),
    "admin/survey-waves/<int:pk>/copy/": (
        lambda d: f"/admin/survey-waves/{d['wave'].pk}/copy/",
        "get",
        EDITORS_ONLY,
    ),
    "admin/survey-waves/<int:pk>/export.<str:fmt>": (
        lambda d: f"/admin/survey-waves/{d['wave'].pk}/export.csv",
        "get",
        ANALYSTS_ONLY,
    ),
    "admin/survey-waves/<int:pk>/codebook.<str:fmt>": (
        lambda d: f"/admin/survey-waves/{d['wave'].pk}/codebook.csv",
        "get",
        ANALYSTS_ONLY,
    ),
    # surveys: unsafe places
    "unsafe-places/": (lambda d: "/unsafe-places/", "get", PUBLIC),
    "unsafe-places/report/": (lambda d: "/unsafe-places/report/", "get", PUBLIC),
    "unsafe-places/check/": (lambda d: "/unsafe-places/check/", "get", PUBLIC),
    "unsafe-places/wards.geojson": (lambda d: "/unsafe-places/wards.geojson", "get", PUBLIC),
    "admin/unsafe-places/<int:pk>/moderate/": (
        lambda d: f"/admin/unsafe-places/{d['report'].pk}/moderate/",
        "get",
        MODERATORS_ONLY,
    ),
    "admin/unsafe-places/export.csv": (
        lambda d: "/admin/unsafe-places/export.csv",
        "get",
        MODERATORS_ONLY,
    ),
    "admin/unsafe-places/export.geojson": (
        lambda d: "/admin/unsafe-places/export.geojson",
        "get",
        MODERATORS_ONLY,
    ),
    "admin/unsafe-places/reports/": (
        lambda d: "/admin/unsafe-places/reports/",
        "get",
        MODERATORS_ONLY,
    ),
    "admin/unsafe-places/reports/results/": (
        lambda d: "/admin/unsafe-places/reports/results/",
        "get",
        MODERATORS_ONLY,
    ),
    "admin/survey_responses/": (
        lambda d: "/admin/survey_responses/",
        "get",
        ANALYSTS_ONLY,
    ),
    "admin/survey_responses/results/": (
        lambda d: "/admin/survey_responses/results/",
        "get",
        ANALYSTS_ONLY,
    ),
    "admin/unsafe-places/groups/": (
        lambda d: "/admin/unsafe-places/groups/",
        "get",
        MODERATORS_ONLY,
    ),
    "admin/unsafe-places/groups/results/": (
        lambda d: "/admin/unsafe-places/groups/results/",
        "get",
        MODERATORS_ONLY,
    ),
    "admin/comms/alerts/": (
        lambda d: "/admin/comms/alerts/",
        "get",
        only("editor", "analyst"),
    ),
    "admin/comms/alerts/results/": (
        lambda d: "/admin/comms/alerts/results/",
        "get",
        only("editor", "analyst"),
    ),
    "admin/comms/plans/": (
        lambda d: "/admin/comms/plans/",
        "get",
        only("editor", "analyst"),
    ),
    "admin/comms/plans/results/": (
        lambda d: "/admin/comms/plans/results/",
        "get",
        only("editor", "analyst"),
    ),
    "admin/comms/plan-items/": (
        lambda d: "/admin/comms/plan-items/",
        "get",
        only("editor", "analyst"),
    ),
    "admin/comms/plan-items/results/": (
        lambda d: "/admin/comms/plan-items/results/",
        "get",
        only("editor", "analyst"),
    ),
    "admin/unsafe-places/safeguarding/": (
        lambda d: "/admin/unsafe-places/safeguarding/",
        "get",
        MODERATORS_ONLY,
    ),
    "admin/unsafe-places/safeguarding/results/": (
        lambda d: "/admin/unsafe-places/safeguarding/results/",
        "get",
        MODERATORS_ONLY,
    ),
    "api/v1/^unsafe-places/reports/$": (
        lambda d: "/api/v1/unsafe-places/reports/",
        "get",
        api_only("moderator"),
    ),
    "api/v1/^unsafe-places/reports/(?P<reference>[^/.]+)/$": (
        lambda d: f"/api/v1/unsafe-places/reports/{d['report'].reference}/",
        "get",
        api_only("moderator"),
    ),
    "api/v1/^unsafe-places/$": (
        lambda d: "/api/v1/unsafe-places/",
        "post",
        dict.fromkeys(ROLES, "400"),
    ),
    "api/v1/^unsafe-places/summary/$": (lambda d: "/api/v1/unsafe-places/summary/", "get", PUBLIC),
    # perceptions
    "results/": (lambda d: "/results/", "get", PUBLIC),
    "results/data.json": (lambda d: "/results/data.json", "get", PUBLIC),
    "results/download.<str:fmt>": (lambda d: "/results/download.csv", "get", PUBLIC),
    "results/methodology/": (lambda d: "/results/methodology/", "get", PUBLIC),
    "results/staff/": (lambda d: "/results/staff/", "get", ANALYSTS_ONLY),
    "results/staff/data.json": (lambda d: "/results/staff/data.json", "get", ANALYSTS_ONLY),
    "results/staff/download.<str:fmt>": (
        lambda d: "/results/staff/download.csv",
        "get",
        ANALYSTS_ONLY,
    ),
    "results/staff/export/<int:year>.<str:fmt>": (
        lambda d: f"/results/staff/export/{d['wave'].year}.csv",
        "get",
        ANALYSTS_ONLY,
    ),
    # Who we have not heard (issue 20.1)
    "results/who-we-have-heard/": (lambda d: "/results/who-we-have-heard/", "get", PUBLIC),
    "results/who-we-have-heard/download.<str:fmt>": (
        lambda d: "/results/who-we-have-heard/download.csv",
        "get",
        PUBLIC,
    ),
    "results/staff/representativeness/": (
        lambda d: "/results/staff/representativeness/",
        "get",
        ANALYSTS_ONLY,
    ),
    "results/staff/representativeness/download.<str:fmt>": (
        lambda d: "/results/staff/representativeness/download.csv",
        "get",
        ANALYSTS_ONLY,
    ),
    "admin/roadshow-planner/": (
        lambda d: "/admin/roadshow-planner/",
        "get",
        only("editor", "analyst"),
    ),
    # Staff two-factor (issue 20.4): every staff role reaches its own pages; force_login
    # sessions have passed 2FA (tests/conftest.py), so enrol and the codes page move on.
    "admin/two-factor/enrol/": (
        lambda d: "/admin/two-factor/enrol/",
        "get",
        only("editor", "moderator", "analyst"),
    ),
    "admin/two-factor/verify/": (
        lambda d: "/admin/two-factor/verify/?next=/admin/pages/",
        "get",
        only("editor", "moderator", "analyst"),
    ),
    "admin/two-factor/recovery/": (
        lambda d: "/admin/two-factor/recovery/",
        "get",
        only("editor", "moderator", "analyst"),
    ),
    "admin/two-factor/recovery-codes/": (
        lambda d: "/admin/two-factor/recovery-codes/",
        "get",
        only("editor", "moderator", "analyst"),
    ),
    "admin/account/two-factor/": (
        lambda d: "/admin/account/two-factor/",
        "get",
        only("editor", "moderator", "analyst"),
    ),
    "admin/two-factor/staff/": (lambda d: "/admin/two-factor/staff/", "get", only()),
    "admin/two-factor/staff/<int:pk>/reset/": (
        lambda d: f"/admin/two-factor/staff/{d['users']['editor'].pk}/reset/",
        "post",
        only(),
    ),
    "crime/": (lambda d: "/crime/", "get", PUBLIC),
    "^crime/recorded-crime\\.(?P<extension>csv|xlsx)$": (
        lambda d: "/crime/recorded-crime.csv",
        "get",
        PUBLIC,
    ),
    "crime/wards/": (lambda d: "/crime/wards/", "get", PUBLIC),
    "^crime/wards/recorded-crime-wards\\.(?P<extension>csv|xlsx)$": (
        lambda d: "/crime/wards/recorded-crime-wards.csv",
        "get",
        PUBLIC,
    ),
    "crime/wards/map.geojson": (lambda d: "/crime/wards/map.geojson", "get", PUBLIC),
    "api/v1/^crime/borough-table/$": (lambda d: "/api/v1/crime/borough-table/", "get", PUBLIC),
    "api/v1/^crime/ward-table/$": (lambda d: "/api/v1/crime/ward-table/", "get", PUBLIC),
    "api/v1/^crime/ward-rates/$": (lambda d: "/api/v1/crime/ward-rates/", "get", PUBLIC),
    # Anything else under /api/ is a JSON 404 for everyone.
    "^api/": (lambda d: "/api/v1/no-such-endpoint/", "get", dict.fromkeys(ROLES, NOT_FOUND)),
    # comms
    "alerts/": (lambda d: "/alerts/", "get", PUBLIC),
    "alerts/check-your-email/": (lambda d: "/alerts/check-your-email/", "get", PUBLIC),
    "alerts/new-link/": (lambda d: "/alerts/new-link/", "get", PUBLIC),
    "alerts/confirm/<str:token>/": (
        lambda d: f"/alerts/confirm/{d['confirm_token']}/",
        "get",
        TOKEN_HOLDER,
    ),
    "alerts/manage/<str:token>/": (lambda d: f"/alerts/manage/{d['token']}/", "get", TOKEN_HOLDER),
    "alerts/unsubscribe/<str:token>/": (
        lambda d: f"/alerts/unsubscribe/{d['token']}/",
        "get",
        TOKEN_HOLDER,
    ),
    "alerts/unsubscribe/<str:token>/one-click/": (
        lambda d: f"/alerts/unsubscribe/{d['token']}/one-click/",
        "post",
        TOKEN_HOLDER,
    ),
    "alerts/notify/callback/": (lambda d: "/alerts/notify/callback/", "post", NOBODY_WITHOUT_TOKEN),
    "you-said-we-did/": (lambda d: "/you-said-we-did/", "get", PUBLIC),
    "search/": (lambda d: "/search/?q=burglary", "get", PUBLIC),
    "events/feed.ics": (lambda d: "/events/feed.ics", "get", PUBLIC),
    "events/<slug:slug>.ics": (lambda d: f"/events/{d['event'].slug}.ics", "get", PUBLIC),
    "events/wards.geojson": (lambda d: "/events/wards.geojson", "get", PUBLIC),
    "news/feed/": (lambda d: "/news/feed/", "get", PUBLIC),
    "news/feed/atom/": (lambda d: "/news/feed/atom/", "get", PUBLIC),
    "api/v1/^events/$": (lambda d: "/api/v1/events/", "get", PUBLIC),
    "api/v1/^events/(?P<slug>[^/.]+)/$": (
        lambda d: f"/api/v1/events/{d['event'].slug}/",
        "get",
        PUBLIC,
    ),
    "api/v1/^advice/$": (lambda d: "/api/v1/advice/", "get", PUBLIC),
    "api/v1/^advice/(?P<slug>[^/.]+)/$": (
        lambda d: "/api/v1/advice/no-such/",
        "get",
        dict.fromkeys(ROLES, NOT_FOUND),
    ),
    "admin/reports/advice-past-review/": (
        lambda d: "/admin/reports/advice-past-review/",
        "get",
        EDITORS_ONLY,
    ),
    "admin/reports/advice-past-review/results/": (
        lambda d: "/admin/reports/advice-past-review/results/",
        "get",
        EDITORS_ONLY,
    ),
    "admin/comms/alerts/new/": (lambda d: "/admin/comms/alerts/new/", "get", EDITORS_ONLY),
    "admin/comms/alerts/edit/<int:pk>/": (
        lambda d: f"/admin/comms/alerts/edit/{d['alert'].pk}/",
        "get",
        EDITORS_ONLY,
    ),
    "admin/comms/alerts/review/<int:pk>/": (
        lambda d: f"/admin/comms/alerts/review/{d['alert'].pk}/",
        "get",
        only("editor", "analyst"),  # analysts may read alerts; approving needs approve_alert
    ),
    "admin/comms/plans/draft-from-findings/": (
        lambda d: "/admin/comms/plans/draft-from-findings/",
        "get",
        EDITORS_ONLY,
    ),
    "admin/comms/plans/export/<int:pk>/<str:fmt>/": (
        lambda d: f"/admin/comms/plans/export/{d['plan'].pk}/csv/",
        "get",
        only("editor", "analyst"),
    ),
    "admin/comms/plans/evaluation/<int:pk>/": (
        lambda d: f"/admin/comms/plans/evaluation/{d['plan'].pk}/",
        "get",
        only("editor", "analyst"),
    ),
    # Trials and the pulse survey (issue 20)
    "pulse/": (lambda d: "/pulse/", "get", PUBLIC),
    "admin/comms/alerts/informed/": (
        lambda d: "/admin/comms/alerts/informed/",
        "get",
        only("editor", "analyst"),  # aggregate counts only, like alert figures
    ),
    "admin/comms/plan-items/trial/new/<int:pk>/": (
        lambda d: f"/admin/comms/plan-items/trial/new/{d['item'].pk}/",
        "get",
        EDITORS_ONLY,
    ),
    "admin/comms/plan-items/trial/<int:pk>/": (
        lambda d: f"/admin/comms/plan-items/trial/{d['trial'].pk}/",
        "get",
        only("editor", "analyst"),
    ),
    "admin/comms/plan-items/trial/<int:pk>/evaluate/": (
        lambda d: f"/admin/comms/plan-items/trial/{d['trial'].pk}/evaluate/",
        "post",
        EDITORS_ONLY,
    ),
    # Uploads: analysts upload survey and PAS files, only administrators crime files.
    "admin/uploads/": (lambda d: "/admin/uploads/", "get", only("analyst")),
    "admin/uploads/new/<slug:code>/": (
        lambda d: "/admin/uploads/new/survey-responses/",
        "get",
        only("analyst"),
    ),
    "admin/uploads/<int:pk>/": (
        lambda d: f"/admin/uploads/{d['upload'].pk}/",
        "get",
        only("analyst"),
    ),
    "admin/uploads/<int:pk>/status.json": (
        lambda d: f"/admin/uploads/{d['upload'].pk}/status.json",
        "get",
        only("analyst"),
    ),
    "admin/uploads/new/crime/": (lambda d: "/admin/uploads/new/crime/", "get", only()),
}

ROUTES.update(
    {
        f"api/v1/^results/{name}/$": (lambda d, n=name: f"/api/v1/results/{n}/", "get", PUBLIC)
        for name in ("estimates", "changes", "benchmarks", "fear-gap")
    }
)
ROUTES.update(
    {
        "admin/perceptions_release/new/": (
            lambda d: "/admin/perceptions_release/new/",
            "get",
            ANALYSTS_ONLY,
        ),
        "admin/perceptions_release/edit/<int:pk>/": (
            lambda d: f"/admin/perceptions_release/edit/{d['release'].pk}/",
            "get",
            ANALYSTS_ONLY,
        ),
    }
)
# Partner API tokens: staff of the API's staff roles issue their own; another's is a 404.
ROUTES.update(
    {
        "admin/partner-api-tokens/": (
            lambda d: "/admin/partner-api-tokens/",
            "get",
            only("moderator", "analyst"),
        ),
        "admin/partner-api-tokens/new/": (
            lambda d: "/admin/partner-api-tokens/new/",
            "get",
            only("moderator", "analyst"),
        ),
        "admin/partner-api-tokens/<int:pk>/revoke/": (
            lambda d: f"/admin/partner-api-tokens/{d['api_token'].pk}/revoke/",
            "get",
            {**only(), "moderator": NOT_FOUND, "analyst": NOT_FOUND},
        ),
    }
)
# An empty wave cannot be weighted: analysts are allowed, and told so (409).
ROUTES["results/staff/export/<int:year>.<str:fmt>"] = (
    lambda d: f"/results/staff/export/{d['wave'].year}.csv",
    "get",
    {**ANALYSTS_ONLY, "analyst": "409", "admin": "409"},
)

# The admin viewsets of our apps (index pages): who may list the records.
ADMIN_VIEWSETS = {
    "/admin/survey_surveys/": only("editor", "analyst"),
    "/admin/survey_waves/": only("editor", "analyst"),
    "/admin/survey_sections/": only("editor", "analyst"),
    "/admin/survey_questions/": only("editor", "analyst"),
    "/admin/unsafe-places/follows/": MODERATORS_ONLY,
    "/admin/survey_pulse/": ANALYSTS_ONLY,
    "/admin/perceptions_release/": ANALYSTS_ONLY,
    "/admin/perceptions_results/": ANALYSTS_ONLY,
    "/admin/perceptions_pas_borough/": ANALYSTS_ONLY,
    "/admin/perceptions_pas_london/": ANALYSTS_ONLY,
    "/admin/crimeimport/": ANALYSTS_ONLY,
    "/admin/crimecount/": ANALYSTS_ONLY,
    "/admin/boroughpopulation/": ANALYSTS_ONLY,
    "/admin/snippets/vocabularies/strategicpriority/": only("editor", "analyst"),
    "/admin/snippets/vocabularies/topic/": only("editor", "moderator", "analyst"),
    "/admin/snippets/vocabularies/partnerorganisation/": only("editor", "moderator", "analyst"),
    "/admin/snippets/comms/sitebanner/": EDITORS_ONLY,
}
