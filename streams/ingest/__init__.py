"""Ingest: raw message bytes -> validated ``Article``; language detection."""
