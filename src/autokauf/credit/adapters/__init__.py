"""Credit bureaus: the port (base.py) and the built-in bureau."""
