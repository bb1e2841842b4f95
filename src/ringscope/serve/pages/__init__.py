"""Server-rendered pages for analysts (Jinja2 templates, session cookie, CSRF on every form).

One module per kind of page, each with its own router; the app includes every router of `ROUTERS`.
"""

from __future__ import annotations

from ringscope.serve.pages import (
    admin,
    entities,
    figures,
    judgements,
    network,
    reading,
    screen,
    search,
    views,
)
from ringscope.serve.pages.base import error_page, login_url, render, safe_next

ROUTERS = tuple(
    m.router for m in (reading, search, entities, figures, views, network, screen, admin, judgements)
)

__all__ = ["error_page", "login_url", "ROUTERS", "render", "safe_next"]
