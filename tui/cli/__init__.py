"""The headless command line: parsing, context, completion, one module per command."""
