"""Lets `python -m spreadkit` behave exactly like the `spreadkit` command."""

from spreadkit.cli.launch import main

main()
