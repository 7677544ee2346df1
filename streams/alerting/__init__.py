"""Alerting: a tagged, linked article -> an ``Alert``; subscription matching (pure, no Faust)."""
