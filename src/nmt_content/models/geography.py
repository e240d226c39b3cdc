"""California places the practice serves, with their counties.

Used to catch a classic data error: Mount Shasta (the city) is in Siskiyou County, not Shasta
County. Only places listed here are checked; an unknown place is accepted as written.
Sources: California State Association of Counties; U.S. Census Bureau place-to-county files.
"""

from __future__ import annotations

import re

__all__ = ["KNOWN_CALIFORNIA_COUNTIES", "county_of", "normalise_county", "normalise_place"]

KNOWN_CALIFORNIA_COUNTIES: dict[str, str] = {
    # Siskiyou County
    "mount shasta": "Siskiyou",
    "weed": "Siskiyou",
    "dunsmuir": "Siskiyou",
    "mccloud": "Siskiyou",
    "yreka": "Siskiyou",
    "montague": "Siskiyou",
    "etna": "Siskiyou",
    "fort jones": "Siskiyou",
    "tulelake": "Siskiyou",
    "dorris": "Siskiyou",
    "happy camp": "Siskiyou",
    "lake shastina": "Siskiyou",
    # Shasta County
    "redding": "Shasta",
    "anderson": "Shasta",
    "shasta lake": "Shasta",
    "cottonwood": "Shasta",
    "palo cedro": "Shasta",
    "burney": "Shasta",
    "bella vista": "Shasta",
    "millville": "Shasta",
    "shingletown": "Shasta",
    "lakehead": "Shasta",
    # Tehama County
    "red bluff": "Tehama",
    "corning": "Tehama",
    # Trinity County
    "weaverville": "Trinity",
    # Butte County
    "chico": "Butte",
    # Large California cities
    "los angeles": "Los Angeles",
    "san francisco": "San Francisco",
    "sacramento": "Sacramento",
    "san diego": "San Diego",
    "san jose": "Santa Clara",
    "oakland": "Alameda",
    "fresno": "Fresno",
}


def normalise_place(name: str) -> str:
    """Lower-case a place name and expand "Mt." so "Mt. Shasta" and "Mount Shasta" compare equal."""
    text = re.sub(r"\s+", " ", name.strip().lower())
    return re.sub(r"^mt\.? ", "mount ", text)


def normalise_county(name: str) -> str:
    """Drop a trailing "County" so "Siskiyou County" and "Siskiyou" compare equal."""
    return re.sub(r"\s+county$", "", re.sub(r"\s+", " ", name.strip()), flags=re.IGNORECASE)


def county_of(place: str) -> str | None:
    """The county of a known California place, or None when the place is not in the table."""
    return KNOWN_CALIFORNIA_COUNTIES.get(normalise_place(place))
