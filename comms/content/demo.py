"""The words of the demo advice, events and news, written for this project.

Kept apart from `demo.py` (which builds pages from them) so the text is easy to review.
Advice: (slug, title, summary, topic slugs, [steps], callout or None, report notes).
"""

ADVICE = [
    (
        "protect-your-home-from-burglary",
        "Protect your home from burglary",
        "Most burglars try doors and windows that are unlocked or easy to force. "
        "A few habits and low-cost changes make your home a much harder target.",
        ["burglary"],
        [
            (
                "Lock doors and windows every time you go out",
                "Including back doors, patio doors "
                "and upstairs windows. Lift the handle and turn the key on uPVC doors.",
            ),
            (
                "Keep keys away from the letterbox and windows",
                "Thieves fish keys through letterboxes and steal cars using keys left in the hall.",
            ),
            (
                "Light the outside of your home",
                "Dusk-to-dawn lights at the front and back put off "
                "burglars who want to work unseen.",
            ),
            (
                "Mark your valuables",
                "Property-marking kits from your Safer Neighbourhood Team "
                "help police return stolen items and prove who owns them.",
            ),
            ("Lock sheds and garages", "Garden tools and ladders are used to break into houses."),
        ],
        (
            "Going away?",
            "Use timer switches on lights and ask a neighbour to collect post. "
            "Do not post holiday plans on social media until you are home.",
        ),
        "",
    ),
    (
        "stop-vehicle-crime",
        "Stop your car, van or catalytic converter being stolen",
        "Theft of and from vehicles is common in Havering's car parks and residential streets. "
        "Keyless cars and catalytic converters are the main targets.",
        ["vehicle-crime"],
        [
            (
                "Lock it and check it",
                "Try the door handle: signal jammers can stop the lock working.",
            ),
            (
                "Keep keyless fobs in a signal-blocking pouch",
                "Thieves relay the signal from a fob inside your home to open and start the car.",
            ),
            (
                "Take everything out",
                "Even an empty bag or a charging cable is a reason to break a window.",
            ),
            (
                "Ask a garage about a catalytic converter guard or marking",
                "Marked converters are harder to sell on.",
            ),
            ("Park in a garage, on a driveway or in a well-lit street", ""),
        ],
        None,
        "",
    ),
    (
        "spot-and-stop-scams",
        "Spot and stop doorstep, phone and online scams",
        "Scammers pretend to be the police, your bank, a delivery firm or a builder. "
        "They rush you and ask for money or details. Stop, check and talk to someone first.",
        ["fraud-and-scams"],
        [
            (
                "Stop",
                "Take a moment before you part with money or information. A real bank or "
                "police officer will never rush you.",
            ),
            (
                "Challenge",
                "It is fine to refuse, reject or ignore a request. Only criminals will "
                "try to rush or panic you.",
            ),
            (
                "Check",
                "Call your bank on the number on the back of your card, from a different "
                "phone if you can.",
            ),
            ("Report it", "Tell Action Fraud and your bank straight away."),
        ],
        (
            "The police will never ask you to…",
            "withdraw money, hand your bank card to a courier, "
            "or buy gift cards or gold to 'help an investigation'.",
        ),
        "Report fraud to Action Fraud on 0300 123 2040.",
    ),
    (
        "report-anti-social-behaviour",
        "Report anti-social behaviour",
        "Noise, intimidation, drug use in public and vandalism affect how safe people feel. "
        "Reporting it helps the council and police target patrols and action.",
        ["anti-social-behaviour"],
        [
            ("Keep a diary", "Write down dates, times, what happened and how it affected you."),
            (
                "Report to the right place",
                "Noise and fly-tipping to the council; intimidation, "
                "threats or crime to the police.",
            ),
            (
                "Ask for a Community Trigger case review",
                "If you have reported three times in six months and nothing has happened.",
            ),
        ],
        None,
        "Report noise and nuisance to Havering Council online.",
    ),
    (
        "help-for-women-and-girls",
        "Help and support for women and girls",
        "Harassment, stalking, sexual violence and controlling behaviour are crimes. "
        "You will be believed, and help is available in Havering, day or night.",
        ["violence-against-women-and-girls", "personal-safety"],
        [
            ("If you are in danger call 999", "If you cannot speak, press 55 when prompted."),
            (
                "Talk to someone in confidence",
                "Havering Women's Aid and the National Domestic "
                "Abuse Helpline (0808 2000 247) are free and confidential.",
            ),
            ("Keep evidence", "Save messages and photos, and write down what happened."),
            (
                "Ask for Angela",
                "In many Havering bars, asking for 'Angela' gets staff to help you leave safely.",
            ),
        ],
        None,
        "You can report to the police anonymously online.",
    ),
    (
        "domestic-abuse-support",
        "Domestic abuse: how to get help",
        "Domestic abuse is not only physical. Coercive control, financial abuse and threats are "
        "crimes. Support is available for you and your children.",
        ["domestic-abuse", "violence-against-women-and-girls"],
        [
            (
                "Make a safety plan",
                "Keep important documents, a phone and some money somewhere safe.",
            ),
            (
                "Use the Ask for ANI codeword",
                "At a participating pharmacy, ask for ANI to be "
                "taken to a private room to get help.",
            ),
            (
                "Contact a specialist service",
                "Havering's domestic abuse service can support you to stay safe at home or move.",
            ),
        ],
        (
            "Worried about a partner's past?",
            "Under Clare's Law you can ask the police if your partner has a record of abuse.",
        ),
        "",
    ),
    (
        "knife-crime-what-parents-can-do",
        "Knife crime: what parents and carers can do",
        "Most young people never carry a knife. Those who do often say it is for protection. "
        "Talking early and knowing the signs can keep a young person safe.",
        ["knife-crime", "youth-safety"],
        [
            (
                "Talk about it",
                "Ask what they have heard and whether they feel safe on the way to school.",
            ),
            (
                "Know the signs",
                "Missing kitchen knives, new friends, unexplained money or items, "
                "staying out late.",
            ),
            (
                "Get support early",
                "Schools, youth services and the police can help before a "
                "young person is harmed or arrested.",
            ),
        ],
        None,
        "Report knife crime anonymously to Fearless (fearless.org) or Crimestoppers.",
    ),
    (
        "drugs-and-county-lines",
        "Drug dealing and county lines",
        "County lines gangs use children and vulnerable adults to move and sell drugs. "
        "Spotting the signs and reporting what you see protects them and your street.",
        ["drugs", "youth-safety"],
        [
            (
                "Look out for cuckooing",
                "Lots of visitors at all hours to a vulnerable neighbour's flat.",
            ),
            ("Notice changes in young people", "Unexplained phones, cash, travel or injuries."),
            (
                "Report what you see",
                "Times, vehicle registrations and descriptions help police act.",
            ),
            (
                "Get help with drug use",
                "Havering's drug and alcohol service offers free, confidential support.",
            ),
        ],
        None,
        "",
    ),
    (
        "report-hate-crime",
        "Report hate crime",
        "Hate crime targets someone because of their race, religion, disability, sexual "
        "orientation or gender identity. It is never acceptable, and you can report it in "
        "several ways.",
        ["hate-crime"],
        [
            ("Get safe", "If you are in danger call 999."),
            (
                "Report it",
                "To the police, online through True Vision, or through a third-party "
                "reporting centre if you prefer not to go to the police.",
            ),
            (
                "Get support",
                "Victim Support offers free help whether or not you report to the police.",
            ),
        ],
        None,
        "Report online at report-it.org.uk (True Vision).",
    ),
    (
        "online-safety-for-families",
        "Online safety for families",
        "Most online harm starts with a message from someone who is not who they say. "
        "Simple settings and open conversations protect children and adults.",
        ["online-safety", "fraud-and-scams"],
        [
            (
                "Use strong, separate passwords",
                "Three random words, and two-step verification on email.",
            ),
            ("Check privacy settings", "On social media, games and apps your children use."),
            (
                "Talk about who they meet online",
                "Make it easy to tell you if something feels wrong.",
            ),
            ("Report harmful content", "To the platform, and to CEOP if a child is at risk."),
        ],
        None,
        "Report online child sexual abuse to CEOP.",
    ),
    (
        "keep-young-people-safe-from-exploitation",
        "Keep young people safe from exploitation",
        "Criminal and sexual exploitation often starts with gifts, attention or a sense of "
        "belonging. Partners in Havering work together to spot it and step in early.",
        ["youth-safety", "knife-crime"],
        [
            (
                "Know who they are with",
                "Sudden new older friends or a boyfriend or girlfriend "
                "who is much older are warning signs.",
            ),
            ("Keep talking", "Young people who are exploited are victims, not criminals."),
            ("Ask for help", "Call the council's children's services or the police."),
        ],
        None,
        "",
    ),
    (
        "shop-and-business-crime",
        "Protect your shop or business",
        "Shoplifting, abuse of staff and break-ins cost Havering's town centres. "
        "Business watch schemes, good lighting and reporting every incident make a difference.",
        ["shop-and-business-crime", "anti-social-behaviour"],
        [
            (
                "Report every incident",
                "Reports decide where patrols go, even when nothing was taken.",
            ),
            ("Join the town centre radio and business watch scheme", ""),
            ("Keep CCTV working and recordings for 31 days", ""),
            ("Train staff to stay safe", "Never tackle a shoplifter; note descriptions."),
        ],
        None,
        "",
    ),
    (
        "feel-safer-when-out-and-about",
        "Feel safer when you are out and about",
        "Serious crime in public places is rare, but many residents worry about it. "
        "Plan your journey, stay aware and know who to call.",
        ["personal-safety"],
        [
            ("Plan your route home", "Well-lit, busy streets and licensed cabs."),
            ("Share your journey", "Many phones can share your live location with a friend."),
            (
                "Keep valuables out of sight",
                "Phone snatches happen on busy streets and at bus stops.",
            ),
        ],
        (
            "Walk and Talk",
            "Women and girls can walk with an officer in their area to point out "
            "places that feel unsafe. Ask your Safer Neighbourhood Team.",
        ),
        "",
    ),
    (
        "violence-reduction-what-we-are-doing",
        "Reducing violence in Havering: how you can help",
        "Violence is about a third of recorded crime in Havering. The partnership's Violence "
        "Reduction Plan combines prevention, support for victims and action against offenders.",
        ["knife-crime", "anti-social-behaviour"],
        [
            ("Tell us where you feel unsafe", "Reports shape where patrols and lighting go."),
            (
                "Support young people's activities",
                "Volunteers for youth clubs and sport are always needed.",
            ),
            ("Report information anonymously", "Call Crimestoppers on 0800 555 111."),
        ],
        None,
        "",
    ),
    (
        "supporting-people-leaving-prison",
        "Supporting people who want to stop offending",
        "Most crime is committed by a small number of people. Help with housing, work and "
        "drug or alcohol treatment is what most often stops reoffending.",
        ["drugs"],
        [
            (
                "Find out about support",
                "The Probation Service and local charities offer help with "
                "housing, jobs and treatment.",
            ),
            (
                "Employers can help",
                "Giving someone with a conviction a fair chance at work reduces reoffending.",
            ),
        ],
        None,
        "",
    ),
]

# Roadshows: (slug, title, ward name, venue, address, weeks from now, start hour, length in
# hours, status, status note, summary, outcome for past events)
EVENTS = [
    (
        "romford-market-roadshow",
        "Crime prevention roadshow at Romford Market",
        "St Edward's",
        "Romford Market Place",
        "Market Place, Romford RM1 3AB",
        -20,
        10,
        4,
        "scheduled",
        "",
        "Meet your Safer Neighbourhood Team, get free bike marking and purse bells.",
        "About 140 people stopped by. Phone snatching and cycling on pavements were the most "
        "raised worries; the town centre team has added two evening patrols.",
    ),
    (
        "harold-hill-community-day",
        "Harold Hill community safety day",
        "Gooshays",
        "Harold Hill Library",
        "Farnham Road, Harold Hill RM3 8ED",
        -16,
        11,
        3,
        "scheduled",
        "",
        "Advice on scams, burglary and anti-social behaviour, with the fire brigade's home "
        "fire safety team.",
        "Residents told us about motorbikes on the estate paths. The council is fitting barriers "
        "at two entrances and police ran an operation in the following month.",
    ),
    (
        "hornchurch-scams-talk",
        "Stop the scammers: talk for older residents",
        "St Andrew's",
        "Queen's Theatre foyer",
        "Billet Lane, Hornchurch RM11 1QT",
        -14,
        14,
        2,
        "scheduled",
        "",
        "How doorstep, phone and courier fraud works and how to stop it.",
        "45 residents came. Several had had 'bank' calls that week; we have sent the talk slides "
        "to local sheltered housing schemes.",
    ),
    (
        "upminster-bike-marking",
        "Bike marking at Upminster station",
        "Upminster",
        "Upminster station forecourt",
        "Station Road, Upminster RM14 2TD",
        -12,
        7,
        3,
        "scheduled",
        "",
        "Free bike marking and registration for commuters.",
        "62 bikes marked. Commuters asked for more cycle parking with CCTV; passed to TfL.",
    ),
    (
        "rainham-village-roadshow",
        "Rainham village roadshow",
        "Rainham & Wennington",
        "Rainham Library",
        "Broadway, Rainham RM13 9YW",
        -9,
        10,
        3,
        "scheduled",
        "",
        "Vehicle crime and catalytic converter marking, with the ward team.",
        "Catalytic converter thefts were the main concern. 30 converters were marked.",
    ),
    (
        "elm-park-walk-and-talk",
        "Walk and Talk in Elm Park",
        "Elm Park",
        "Elm Park station",
        "The Broadway, Elm Park RM12 4RW",
        -6,
        18,
        2,
        "scheduled",
        "",
        "Women and girls walk with officers and council staff to point out unsafe places.",
        "Participants named three poorly lit paths; street lighting repairs are booked.",
    ),
    (
        "harold-wood-neighbourhood-watch",
        "Harold Wood Neighbourhood Watch open meeting",
        "Harold Wood",
        "Harold Wood Methodist Church hall",
        "Gubbins Lane, Harold Wood RM3 0QA",
        -3,
        19,
        2,
        "scheduled",
        "",
        "Meet the ward panel and set the ward's priorities.",
        "The ward panel chose burglary and speeding as priorities for the next quarter.",
    ),
    (
        "cranham-cancelled-coffee",
        "Coffee with a cop in Cranham",
        "Cranham",
        "Cranham Community Centre",
        "Front Lane, Cranham RM14 1XJ",
        1,
        10,
        2,
        "cancelled",
        "Cancelled because the hall is closed for repairs. It will be rearranged.",
        "An informal chat with your ward officers.",
        "",
    ),
    (
        "squirrels-heath-roadshow",
        "Gidea Park and Squirrels Heath roadshow",
        "Squirrels Heath",
        "Gidea Park station",
        "Station Road, Gidea Park RM2 6BX",
        2,
        10,
        3,
        "rescheduled",
        "Moved from an earlier Saturday because of the rail replacement works.",
        "Advice on burglary and vehicle crime, with free property-marking kits.",
        "",
    ),
    (
        "mawneys-youth-session",
        "Youth safety drop-in",
        "Mawneys",
        "Mawney Foundation School hall",
        "Mawney Road, Romford RM7 8HL",
        3,
        16,
        2,
        "scheduled",
        "",
        "For young people and parents: staying safe, knife crime and exploitation.",
        "",
    ),
    (
        "beam-park-new-residents",
        "Welcome event for new Beam Park residents",
        "Beam Park",
        "Beam Park community room",
        "New Road, Rainham RM13 8GQ",
        4,
        11,
        3,
        "scheduled",
        "",
        "Meet your ward team and partners, and get home security advice for new builds.",
        "",
    ),
    (
        "heaton-scams-workshop",
        "Scams awareness workshop",
        "Heaton",
        "Harold Hill Community Hub",
        "Hilldene Avenue, Harold Hill RM3 8DR",
        5,
        13,
        2,
        "scheduled",
        "",
        "Hands-on session on spotting scam texts, emails and calls.",
        "",
    ),
    (
        "hacton-online-safety",
        "Online safety evening for parents",
        "Hacton",
        "Hacton Primary School",
        "Chepstow Avenue, Hornchurch RM12 6BP",
        6,
        18,
        2,
        "scheduled",
        "",
        "Apps, games and settings: keeping children safe online.",
        "",
    ),
    (
        "emerson-park-burglary-clinic",
        "Home security clinic",
        "Emerson Park",
        "Emerson Park Library",
        "Butts Green Road, Hornchurch RM11 2JX",
        7,
        10,
        3,
        "scheduled",
        "",
        "Bring a photo of your front door: free advice on locks, lights and cameras.",
        "",
    ),
    (
        "havering-atte-bower-rural-crime",
        "Rural crime meeting",
        "Havering-atte-Bower",
        "Havering-atte-Bower village hall",
        "North Road, Havering-atte-Bower RM4 1PP",
        8,
        19,
        2,
        "scheduled",
        "",
        "Fly-tipping, farm theft and hare coursing, with the rural crime team.",
        "",
    ),
    (
        "hylands-hate-crime",
        "Hate crime awareness stall",
        "Hylands & Harrow Lodge",
        "Harrow Lodge Park café",
        "Hornchurch Road, Hornchurch RM11 1JU",
        9,
        11,
        3,
        "scheduled",
        "",
        "How to report hate crime and where to get support.",
        "",
    ),
    (
        "marshalls-rise-park",
        "Marshalls and Rise Park ward panel",
        "Marshalls & Rise Park",
        "Rise Park Community Hall",
        "Pettits Lane North, Romford RM1 4NR",
        10,
        19,
        2,
        "scheduled",
        "",
        "The ward panel meets residents to agree local priorities.",
        "",
    ),
    (
        "rush-green-roadshow",
        "Rush Green and Crowlands roadshow",
        "Rush Green & Crowlands",
        "Rush Green Community Centre",
        "Dagenham Road, Rush Green RM7 0TL",
        11,
        10,
        3,
        "scheduled",
        "",
        "Anti-social behaviour, vehicle crime and scams advice.",
        "",
    ),
    (
        "south-hornchurch-online",
        "Ask the ward team (online)",
        "South Hornchurch",
        "",
        "",
        12,
        19,
        1,
        "scheduled",
        "",
        "An online question-and-answer session with South Hornchurch officers.",
        "",
    ),
]

# The 20th roadshow spans the next clock change (see demo.py): a night-time safety walk.
DST_EVENT = (
    "st-albans-night-safety-walk",
    "Night-time safety walk through Romford town centre",
    "St Alban's",
    "Meet at Romford station",
    "South Street, Romford RM1 1SX",
    "Walk the town centre at night with officers, licensing and street pastors. "
    "The clocks change during this walk: it ends at the time shown, in the new time.",
)

NEWS = [
    (
        "roadshows-return",
        "Community safety roadshows return to every ward",
        "The partnership will hold at least one roadshow in each of Havering's 20 wards this year.",
        -40,
    ),
    (
        "survey-results-published",
        "What you told us: survey results published",
        "Fear of crime is higher than crime levels suggest. Here is what we are doing.",
        -30,
    ),
    (
        "courier-fraud-warning",
        "Warning: courier fraud calls in Hornchurch and Upminster",
        "Criminals are phoning older residents pretending to be police officers.",
        -12,
    ),
    (
        "street-lighting-repairs",
        "Street lighting repairs after Walk and Talk",
        "Three paths in Elm Park named by residents are being relit.",
        -5,
    ),
    (
        "vawg-campaign",
        "New campaign: making Havering safer for women and girls",
        "Ask for Angela, Walk and Talk and a new reporting guide for venues.",
        -2,
    ),
]
