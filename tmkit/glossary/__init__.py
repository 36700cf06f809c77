"""The glossary: names and terms of a corpus with their variants, and files that hold them."""
