"""The headless command line: ``main`` (parsing, dispatch), ``context`` (what every command
gets), ``completion``, ``specs`` (each command's name, texts and arguments) and ``commands``
(the list of them, and each command's code, imported only when it runs)."""
