"""The intelligence brief (HTML and PDF), maps and charts drawn as SVG from bundled boundaries.

- :mod:`brief`: ``write_brief(store_path, out, country=None, since=None)``;
- :mod:`snapshot`: the fused picture of a store, cached per store state;
- :mod:`analysis`: hotspots, route flows, timeline and network from a snapshot (the map's data in
  :mod:`mapdata`, the timeline's events in :mod:`timelinedata`);
- :mod:`labels`, :mod:`scales`, :mod:`timeaxis`, :mod:`maplayout`: pure layout (labels that never
  overlap at any zoom, symbol sizes, a true time axis);
- :mod:`geo`, :mod:`mapsvg`, :mod:`maplegend`, :mod:`timelinesvg`, :mod:`charts`: drawing.

Who is withheld, and how, is decided by :mod:`ringscope.privacy`.
"""
