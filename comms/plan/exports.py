"""Exporting a communications plan: rows for CSV/XLSX and an iCalendar of its dates."""

from datetime import timedelta

from django.conf import settings

from comms.models import CommunicationsPlan

HEADER = [
    "Objective",
    "Audience wards",
    "Audience groups",
    "Measure",
    "Channel",
    "Key message",
    "Owner",
    "Starts on",
    "Ends on",
    "Status",
    "Finding",
    "Result",
]


def plan_rows(plan: CommunicationsPlan) -> list[list[object]]:
    items = plan.items.select_related("owner").prefetch_related("audience_wards")
    return [
        [
            item.objective,
            "; ".join(ward.name for ward in item.audience_wards.all()),
            item.audience_groups,
            item.measure,
            item.get_channel_display(),
            item.key_message,
            item.owner.name if item.owner else "",
            item.starts_on.isoformat() if item.starts_on else "",
            item.ends_on.isoformat() if item.ends_on else "",
            item.get_status_display(),
            item.finding,
            item.result,
        ]
        for item in items
    ]


def plan_calendar(plan: CommunicationsPlan) -> bytes:
    """One all-day event per dated item (end date inclusive, as people read plans)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Communications plan//EN")
    calendar.add("version", "2.0")
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    for item in plan.items.select_related("owner").exclude(starts_on=None):
        event = Event()
        event.add("uid", f"plan-item-{item.pk}@{domain}")
        event.add("summary", item.objective)
        event.add("dtstart", item.starts_on)
        event.add("dtend", (item.ends_on or item.starts_on) + timedelta(days=1))
        description = item.key_message
        if item.owner:
            description = f"{description}\nOwner: {item.owner.name}".strip()
        event.add("description", description)
        event.add("dtstamp", plan_stamp())
        calendar.add_component(event)
    return calendar.to_ical()


def plan_stamp():
    from django.utils import timezone

    return timezone.now()
