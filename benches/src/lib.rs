//! Shared helpers for proctor benchmarks.
