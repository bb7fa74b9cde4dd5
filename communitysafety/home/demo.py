"""Demo site: the home page, footer pages, settings and one demo user per role."""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, Site

from communitysafety.home.models import HomePage, InformationPage, PartnershipSettings
from communitysafety.home.roles import ADMINISTRATORS, ANALYSTS, EDITORS, MODERATORS

# (username, password, group, superuser) — printed by load_demo_data; local use only.
DEMO_USERS = [
    ("admin", "demo-admin-pass-1", ADMINISTRATORS, True),
    ("editor", "demo-editor-pass-1", EDITORS, False),
    ("moderator", "demo-moderator-pass-1", MODERATORS, False),
    ("analyst", "demo-analyst-pass-1", ANALYSTS, False),
]

TASKS = [
    (
        "Take the annual crime survey",
        "Tell us how safe you feel and how the police are doing.",
        "/survey/",
    ),
    (
        "Report a place where you feel unsafe",
        "Anonymously. This is not for reporting a crime.",
        "/unsafe-places/report/",
    ),
    ("Crime prevention advice", "Protect yourself, your home and your family.", "/advice/"),
    ("Events and roadshows", "Meet your local officers and partners near you.", "/events/"),
    ("News", "Updates from the partnership.", "/news/"),
    ("What you told us", "Results of the survey and what we are doing about them.", "/results/"),
]

FOOTER_PAGES = {
    "privacy": (
        "Privacy notice",
        "How we use and keep the information you give us.",
        [
            ("heading", "What we collect"),
            (
                "paragraph",
                "<p>The survey and unsafe-place reports are anonymous. We do not store "
                "your IP address or device details with your answers. "
                "If you subscribe to alerts we keep your email address and your choices "
                "until you unsubscribe.</p>",
            ),
            ("heading", "How long we keep it"),
            (
                "paragraph",
                "<p>Unfinished survey answers are deleted after 30 days. Descriptions in "
                "unsafe-place reports are deleted when the case closes. "
                "Unconfirmed subscriptions are deleted after 7 days.</p>",
            ),
        ],
    ),
    "accessibility": (
        "Accessibility statement",
        "How accessible this website is.",
        [
            (
                "paragraph",
                "<p>We want as many people as possible to be able to use this website. "
                "It is designed to meet WCAG 2.2 AA and is tested with automated checks "
                "in a browser. Every chart has a table with the same figures.</p>",
            ),
        ],
    ),
    "cookies": (
        "Cookies",
        "The cookies this website uses.",
        [
            (
                "paragraph",
                "<p>We use only essential cookies: one to protect forms against forgery "
                "and one to remember your answers while you complete the survey. We do not use "
                "analytics or advertising cookies.</p>",
            ),
        ],
    ),
}


def _tree_root() -> Page:
    """Recreate Wagtail's root page (a test server's flush removes what migrations made)."""
    from django.apps import apps
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant

    from communitysafety.home.roles import grant_page_permissions
    from communitysafety.vocabularies.seeds import seed_vocabularies

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.add_root(instance=Page(title="Root", slug="root"))
    # What migrations made and the flush removed: page permissions and the vocabularies.
    grant_page_permissions()
    seed_vocabularies(lambda name: apps.get_model("vocabularies", name))
    return root


def _home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node() or _tree_root()
    # Wagtail's migration creates a placeholder "Welcome" page; ours replaces it.
    for child in root.get_children():
        if child.specific_class is Page:
            child.delete()
    home = HomePage(
        title="Havering Community Safety Partnership",
        slug="home",
        hero_title="Helping Havering feel safe",
        hero_text=(
            "The council, police, fire service, health, probation and voluntary groups "
            "working together. Tell us how safe you feel, report places that feel unsafe, "
            "and find advice and events near you."
        ),
        tasks=[
            ("task", {"title": t, "description": d, "url": u, "page": None}) for t, d, u in TASKS
        ],
    )
    root.add_child(instance=home)
    return home


def load(out: Callable[[str], None]) -> None:
    home = _home_page()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Havering CSP",
        },
    )
    site = Site.objects.get(is_default_site=True)
    footer: dict[str, InformationPage] = {}
    for key, (title, summary, body) in FOOTER_PAGES.items():
        page = InformationPage.objects.filter(slug=key).first()
        if page is None:
            page = InformationPage(title=title, slug=key, summary=summary, body=body)
            home.add_child(instance=page)
        footer[key] = page
    settings_row = PartnershipSettings.for_site(site)
    settings_row.contact_email = "community.safety@example.org"
    settings_row.contact_phone = "01708 000000"
    settings_row.privacy_page = footer["privacy"]
    settings_row.accessibility_page = footer["accessibility"]
    settings_row.cookies_page = footer["cookies"]
    settings_row.save()

    User = get_user_model()
    for username, password, group_name, superuser in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "is_staff": True,
                "is_superuser": superuser,
            },
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=group_name))
    out("Home page, footer pages and demo users ready.")


def describe_logins() -> list[str]:
    return [f"  {u:<10} password {p:<24} ({g})" for u, p, g, _ in DEMO_USERS]
