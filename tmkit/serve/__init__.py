"""The team server: tmkit serve."""
