"""plancheck: check a government plan's indicators against the year's actual figures."""

__version__ = "0.1.0"
