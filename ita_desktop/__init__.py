"""ITA Desktop: the NACC ITA integrity-and-transparency paperwork of Thai local government."""

__version__ = "0.1.0"
