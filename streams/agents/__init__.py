"""Faust agents, tasks and web views: the only modules (with app.py and topics.py) that import the app."""
