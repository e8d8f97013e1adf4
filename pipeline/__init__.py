"""caprefine: LLM-driven caption refinement for CLIP-style training data."""

__version__ = "0.2.0"  # part of every fingerprint: bump when outputs change
