"""The choices and defaults the command line offers, in a module that imports nothing, so
`tmkit --help` and `tmkit --version` show them without loading the library."""

from __future__ import annotations

# tmkit align --mode
MODES = ("auto", "parallel", "comparable")
# tmkit eval align --counting
COUNTINGS = ("vecalign", "two-sided")
# tmkit glossary build --format
GLOSSARY_FORMATS = ("tbx", "tbx3", "csv", "tsv", "json")
# tmkit glossary build --min-termhood: the phrase cut for a corpus of up to 10,000 words (best
# F1 on the seed glossary gold); extract.py grows it with the corpus
MIN_TERMHOOD = 0.4
# tmkit check --severity, least severe first
SEVERITIES = ("info", "warning", "error")
# tmkit tm import --wait: seconds a writer waits for another writer of the same memory
WAIT = 60.0
# tmkit convert --from/--to, tm import --from, tm export --to: TM formats by name
TM_FORMATS = ("tmx", "po", "xliff", "xliff2", "jsonl", "csv", "tsv")
