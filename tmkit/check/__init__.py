"""Terminology checks of drafts against a glossary."""
