"""Development and the one-machine default: `make run`."""

from .base import *  # noqa: F403
