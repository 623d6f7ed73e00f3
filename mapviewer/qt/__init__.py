"""The thin Qt layer: widgets wired to the core. Nothing here decides what the data means."""
