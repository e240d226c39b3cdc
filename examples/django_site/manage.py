#!/usr/bin/env python
"""A Django project showing the practice's pages with nmt-content's app.

pip install "nmt-content[django]"
NMT_CONTENT_ROOT=path/to/content python examples/django_site/manage.py runserver
NMT_CONTENT_ROOT=path/to/content python examples/django_site/manage.py check
"""

import os
import sys

if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
