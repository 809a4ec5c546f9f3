"""Stage 2b: QR codes for the links marked `qr: true`, and their short redirect pages."""

from .codes import QrCode, plan_codes, svg, write_code_files, write_redirect_pages

__all__ = ["QrCode", "plan_codes", "svg", "write_code_files", "write_redirect_pages"]
