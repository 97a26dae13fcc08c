"""DTI Scorer: score and rank digital-transformation self-assessments offline."""

__version__ = "0.1.0"

__all__ = ["__version__"]
