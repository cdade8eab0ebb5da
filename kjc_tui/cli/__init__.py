"""The command line: one command table (main) and one module per larger subcommand."""
