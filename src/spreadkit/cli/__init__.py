"""The command line: the commands and their options, the screens, and where output goes."""
