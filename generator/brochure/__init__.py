"""Stage 2c: the printable brochures, one per language and variant (print: PDF/X-4,
office: PDF/UA-1): blocks.py says what they hold, render.py writes them as HTML (to
measure, then to the plan) and says what does not fit, plan.py decides what goes on
which panel (and which sizes are worth measuring), layout.py lays the HTML out with
WeasyPrint and reads it back, finishing.py makes the PDFs final.

Nothing is imported here: the print processes import layout.py alone, without the
content models the other modules need (see print_processes.py)."""
