"""`python -m quarterdeck.cli` is the `quarterdeck` command."""

from quarterdeck.cli.main import main

main()
