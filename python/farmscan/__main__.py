"""`python -m farmscan ...` runs the command line."""

from farmscan._cli import main

main()
