"""Small helpers for working with busy/free time on a single day.

Times are integer minutes since midnight. An interval is a ``(start, end)`` tuple with
``start < end``; it covers ``start <= t < end`` (half-open).
"""
from .intervals import merge, total_length
from .slots import free_slots

__all__ = ["merge", "total_length", "free_slots"]
