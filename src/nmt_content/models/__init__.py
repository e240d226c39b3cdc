"""Frozen, typed records of the knowledge base: practice, offices, therapists and credentials,
services, articles. Imports nothing of the package but `errors` and `limits`; knows no files,
HTML or schema.org."""

from .article import Article, FrontMatter, ImageRef, Reference, Reviewer
from .base import Model
from .knowledge import KnowledgeBase
from .location import Address, Area, Geo, Location, OpeningHours, SpecialHours
from .practice import LintSettings, Practice
from .service import Condition, Offer, Price, Service
from .suppression import LintSuppression
from .therapist import Credential, Issuer, Therapist

__all__ = [
    "Address",
    "Area",
    "Article",
    "Condition",
    "Credential",
    "FrontMatter",
    "Geo",
    "ImageRef",
    "Issuer",
    "KnowledgeBase",
    "LintSettings",
    "LintSuppression",
    "Location",
    "Model",
    "Offer",
    "OpeningHours",
    "Practice",
    "Price",
    "Reference",
    "Reviewer",
    "Service",
    "SpecialHours",
    "Therapist",
]
