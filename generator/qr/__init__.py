"""Stage 2b: QR codes for the links marked `qr: true`, and their short redirect pages."""

from .codes import HOME, QrCode, home_code, plan_codes, svg, write_code_files, write_redirect_pages

__all__ = ["HOME", "QrCode", "home_code", "plan_codes", "svg", "write_code_files", "write_redirect_pages"]
