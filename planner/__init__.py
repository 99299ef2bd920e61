"""Crampless: plan meals that cover the nutrients linked to muscle cramps."""

__version__ = "0.1.0"
APP_NAME = "Crampless"
# The freedesktop application id (reverse DNS): the name of the .desktop entry, the
# AppStream metainfo and the icon (resources/desktop, resources/icons).
APP_ID = "org.crampless.Crampless"
