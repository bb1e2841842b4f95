"""Who is a protected private individual, and how their names are withheld.

One policy decides, per resolved person and from every mention in every report, whether the
person's name may be shown (:mod:`ringscope.privacy.policy`); the cues it reads are data
(``cues.yaml``). Every reader of report data goes through the redacted views of
:mod:`ringscope.privacy.view`: pages, API answers, search snippets, exports and the brief.
"""

from __future__ import annotations

from ringscope.privacy.policy import Policy, Redacted, Withheld, decide

__all__ = ["Policy", "Redacted", "Withheld", "decide"]
