"""English function words, left out when comparing the wording of reports."""

from __future__ import annotations

STOPWORDS: frozenset[str] = frozenset(
    """
    a about above across after afterwards again against all almost alone along already also although always am
    among amongst an and another any anyhow anyone anything anyway anywhere are around as at back be became
    because become becomes becoming been before beforehand behind being below beside besides between beyond
    both but by can cannot could did do does doing done down due during each either else elsewhere enough even
    ever every everyone everything everywhere except few first for former formerly from further get give
    go had
    has have having he hence her here hereafter hereby herein hers herself him himself his how however i if in
    indeed into is it its itself just last latter latterly least less made make many may me meanwhile might
    mine more moreover most mostly much must my myself namely neither never nevertheless next no nobody none
    noone nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours
    ourselves out over own part per perhaps please put rather re same say said says see seem seemed seeming
    seems several she should show side since so some somehow someone something sometime sometimes somewhere
    still such take than that the their theirs them themselves then thence there thereafter thereby therefore
    therein thereupon these they this those though through throughout thru thus to together too toward towards
    under until up upon us used very via was we well were what whatever when whence whenever where whereafter
    whereas whereby wherein whereupon wherever whether which while whither who whoever whole whom whose why
    will with within without would yet you your yours yourself yourselves told also according including
    """.split()
)
