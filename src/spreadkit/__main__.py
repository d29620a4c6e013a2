"""Lets `python -m spreadkit` behave exactly like the `spreadkit` command."""

from spreadkit.launch import main

main()
