"""`python -m nmt_content` runs the command line."""

from .cli import run

run()
