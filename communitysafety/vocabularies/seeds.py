"""The vocabularies as the partnership plan (2022–2025) sets them out.

Used by the data migration that seeds a new site; editors change them in the
admin afterwards.
"""

PRIORITIES = [
    (
        1,
        "reducing-violence",
        "Reducing violence",
        "Violence against the person is about a third of all notifiable crime.",
    ),
    (
        2,
        "violence-against-women-and-girls",
        "Tackling violence against women and girls",
        "Domestic abuse, harassment and sexual violence; the highest repeat victimisation.",
    ),
    (
        3,
        "reducing-reoffending",
        "Reducing reoffending",
        "Especially substance misuse and group-related offending.",
    ),
    (
        4,
        "serious-youth-crime",
        "Tackling serious youth crime and criminal exploitation",
        "Gangs, county lines and the exploitation of young people.",
    ),
    (
        5,
        "town-centres",
        "Reducing crime in town centres and vulnerable neighbourhoods",
        "Romford, Hornchurch, Harold Hill and other hotspots.",
    ),
    (
        6,
        "feelings-of-safety",
        "Improving feelings of safety and public confidence",
        "Fear of crime is disproportionately high; better communication and reassurance.",
    ),
]

# (slug, name, description, priority numbers)
TOPICS = [
    ("burglary", "Burglary", "Keeping homes and sheds secure.", [5]),
    ("vehicle-crime", "Vehicle crime", "Theft of and from vehicles, catalytic converters.", [5]),
    ("fraud-and-scams", "Fraud and scams", "Doorstep, phone and online scams.", [6]),
    ("anti-social-behaviour", "Anti-social behaviour", "Noise, nuisance and intimidation.", [5, 6]),
    (
        "violence-against-women-and-girls",
        "Violence against women and girls",
        "Domestic abuse, harassment, stalking and sexual violence.",
        [2],
    ),
    ("knife-crime", "Knife crime", "Weapons, knife crime and serious violence.", [1, 4]),
    ("drugs", "Drugs", "Drug dealing, county lines and support for users.", [3, 4]),
    ("hate-crime", "Hate crime", "Crime targeted because of who someone is.", [1, 6]),
    ("online-safety", "Online safety", "Staying safe online, for adults and children.", [4, 6]),
    ("domestic-abuse", "Domestic abuse", "Help for victims and how to report.", [2]),
    ("youth-safety", "Young people's safety", "Exploitation, gangs and staying safe.", [4]),
    ("shop-and-business-crime", "Shop and business crime", "Shoplifting and business safety.", [5]),
    ("personal-safety", "Personal safety", "Feeling and being safe when out and about.", [6]),
]

# (slug, name, kind, responsible authority)
PARTNERS = [
    (
        "havering-council-community-safety",
        "Havering Council community safety team",
        "council_service",
        True,
    ),
    (
        "havering-council-street-lighting",
        "Havering Council street lighting",
        "council_service",
        False,
    ),
    ("havering-council-parks", "Havering Council parks and open spaces", "council_service", False),
    ("havering-council-cctv", "Havering Council CCTV", "council_service", False),
    (
        "havering-council-environmental-enforcement",
        "Havering Council environmental enforcement",
        "council_service",
        False,
    ),
    ("met-police-east-area", "Metropolitan Police East Area (Havering)", "police", True),
    ("london-fire-brigade", "London Fire Brigade", "fire", True),
    ("nhs-north-east-london", "NHS North East London", "health", True),
    ("probation-service", "Probation Service", "probation", True),
    ("transport-for-london", "Transport for London", "transport", False),
    ("victim-support", "Victim Support", "voluntary", False),
    ("havering-womens-aid", "Havering Women's Aid", "voluntary", False),
    ("safer-neighbourhood-board", "Havering Safer Neighbourhood Board", "voluntary", False),
    ("neighbourhood-watch", "Havering Neighbourhood Watch", "voluntary", False),
]


def seed_vocabularies(get_model) -> None:
    """Create the priorities, topics and partners above where missing (idempotent).

    `get_model(name)` returns the model class: the historical one in the data
    migration, the real one when a flushed test database is set up again.
    """
    StrategicPriority = get_model("StrategicPriority")
    Topic = get_model("Topic")
    PartnerOrganisation = get_model("PartnerOrganisation")
    priorities = {}
    for number, slug, title, summary in PRIORITIES:
        priorities[number], _ = StrategicPriority.objects.get_or_create(
            slug=slug, defaults={"number": number, "title": title, "summary": summary}
        )
    for slug, name, description, numbers in TOPICS:
        topic, created = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        if created:
            topic.priorities.set([priorities[n] for n in numbers])
    for slug, name, kind, responsible in PARTNERS:
        PartnerOrganisation.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "kind": kind, "is_responsible_authority": responsible},
        )
