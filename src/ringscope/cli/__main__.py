"""``python -m ringscope.cli``."""

from ringscope.cli import main

main()
