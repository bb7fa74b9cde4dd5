"""A test-only app declaring a one-second periodic job, so real scheduler processes show slots."""
