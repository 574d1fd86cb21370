"""The mail tests' fixtures: a real SMTP server and a DKIM key (see helpers/smtp.py)."""

from __future__ import annotations

from helpers.smtp import dkim_key, smtp_sink  # noqa: F401
