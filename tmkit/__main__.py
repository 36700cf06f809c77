"""`python -m tmkit` runs the command line."""

from tmkit.cli import main

main()
