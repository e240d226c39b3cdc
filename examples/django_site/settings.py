"""Settings: nmt_content.django in INSTALLED_APPS, and where the knowledge base is."""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
NMT_CONTENT_ROOT = os.environ.get("NMT_CONTENT_ROOT", str(HERE.parents[1]))
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"  # reloads the content when it changes
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "only-for-this-example")
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
ROOT_URLCONF = "urls"
INSTALLED_APPS = ["nmt_content.django"]
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
