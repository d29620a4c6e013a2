"""spreadkit: check how ready you are to spread and adopt an innovation in health and care."""

__version__ = "0.1.0"
