"""schema.org Event JSON-LD, so search engines show our roadshows with date and place.

Rendered as `<script type="application/ld+json">`: a data block the browser never
executes, so the strict CSP (script-src 'self') is unaffected.
"""

import json

from django.http import HttpRequest

from comms.models.events import EventPage, EventStatus

STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.RESCHEDULED: "https://schema.org/EventRescheduled",
}


def event_data(event: EventPage, request: HttpRequest | None = None) -> dict:
    url = event.get_full_url(request)
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": STATUS[EventStatus(event.status)],
        "url": url,
        "isAccessibleForFree": True,
    }
    places = []
    if event.venue_name:
        places.append(
            {
                "@type": "Place",
                "name": event.venue_name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.address,
                    "addressRegion": "London",
                    "addressCountry": "GB",
                },
            }
        )
    if event.is_online and event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    data["location"] = places[0] if len(places) == 1 else places
    data["eventAttendanceMode"] = (
        "https://schema.org/MixedEventAttendanceMode"
        if len(places) > 1
        else "https://schema.org/OnlineEventAttendanceMode"
        if event.is_online
        else "https://schema.org/OfflineEventAttendanceMode"
    )
    organisers = [{"@type": "Organization", "name": p.name} for p in event.partners.all()]
    if organisers:
        data["organizer"] = organisers
    return data


def event_json_ld(event: EventPage, request: HttpRequest | None = None) -> str:
    """JSON for a script data block: '<' is escaped so '</script>' cannot end it."""
    text = json.dumps(event_data(event, request), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
