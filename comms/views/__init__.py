"""Public views of the comms app."""
