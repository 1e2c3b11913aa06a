"""Invoice rendering service: JSON order request in, plain-text invoice out."""
