"""The subcommands of the command line, one module each; ``govlint.cli`` dispatches to them.

Each module has ``run(argv, lang, console) -> exit code``.
"""
