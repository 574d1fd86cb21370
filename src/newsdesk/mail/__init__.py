"""Subscribers with consent, and the brief mailed to them: compose, sign, deliver, bounces."""
