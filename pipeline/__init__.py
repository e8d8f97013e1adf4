"""caprefine: LLM-driven caption refinement for CLIP-style training data."""

__version__ = "0.1.0"
