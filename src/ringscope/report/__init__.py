"""The intelligence brief (HTML and PDF), maps and charts drawn as SVG from bundled boundaries.

- :mod:`brief`: ``write_brief(store_path, out, country=None, since=None)``;
- :mod:`snapshot`: the fused picture of a store, cached per store state;
- :mod:`analysis`: hotspots, route flows, timeline and network from a snapshot;
- :mod:`geo`, :mod:`mapsvg`, :mod:`charts`: drawing.

Who is withheld, and how, is decided by :mod:`ringscope.privacy`.
"""
