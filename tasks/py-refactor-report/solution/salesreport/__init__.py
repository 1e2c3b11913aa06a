from .report import build_report

__all__ = ["build_report"]
