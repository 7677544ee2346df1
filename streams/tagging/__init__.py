"""Topic tagging: article text -> tags with evidence and the partnership it reports (pure, no Faust)."""
