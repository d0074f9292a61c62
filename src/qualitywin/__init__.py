"""qualitywin: score a month of service-window incidents by a center's deduction scheme."""

__version__ = "0.1.0"
