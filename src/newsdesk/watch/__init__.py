"""Watchlists (saved searches), their alerts (mail, webhook, feed), trends and rising.

:mod:`~newsdesk.watch.lists` checks and saves a watchlist; :mod:`~newsdesk.watch.alerts`
is what ``newsdesk run`` does each pass (match new articles, plan alerts, deliver them);
:mod:`~newsdesk.watch.trends` counts articles over time and draws them as inline SVG;
:mod:`~newsdesk.watch.rising` finds the stories and entities growing fastest against
their own baseline. Nothing heavy is imported here.
"""
