"""Crampless: plan meals that cover the nutrients linked to muscle cramps."""

__version__ = "0.1.0"
APP_NAME = "Crampless"
