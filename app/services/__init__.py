"""The application layer: every use case a screen offers, free of Flet and TinyDB.

core.py builds the Services (clock, zone, notifier); check, history, habits and data
hold the use cases, each a function that takes a Services and plain values and
returns a value or raises a LipCheckError with a message for the person.
"""

from app.services.core import Clock, Notifier, Services, build_services, open_services

__all__ = ["Clock", "Notifier", "Services", "build_services", "open_services"]
