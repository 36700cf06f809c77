"""Alignment: which segments of one document answer which segments of another."""
