"""offre: one YAML source, a bilingual website and print brochures for a CISSS/CIUSSS team."""

__version__ = "0.1.0"
