"""Reading and segmenting: where a file becomes a Document and its text becomes segments.

reader (plain text and HTML into blocks) → layout (site furniture, speaker labels) →
segment (sentence spans: the list pre-pass, then SRX rules in srx) ; dates, quotes and
names are found on demand for the aligner, the metadata and the glossary.
"""
