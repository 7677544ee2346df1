"""Company linking: mentions in text -> listed companies and their listings (pure, no Faust)."""
