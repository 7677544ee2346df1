"""Faust agents, tasks and web views: each module's ``register(app)`` puts its own on the app
``streams.app.create_app`` builds; they take their collaborators from that app, never from each other."""
