"""Forms of the comms app."""
