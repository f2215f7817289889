"""Trainer pages of the question bank (placeholder until the pages are written)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("quiz", __name__, url_prefix="/bank")
