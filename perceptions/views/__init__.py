"""Public views of the perceptions app, one module per concern."""
