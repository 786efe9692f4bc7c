"""``python -m unioncorpus``: the same command line as ``unioncorpus``."""

from .cli import main

main(prog_name="unioncorpus")
