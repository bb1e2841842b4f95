"""The store's FtM export carries the recruiter network of screened job ads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ADS = [
    {"id": "x1", "text": "Call-centre agents wanted for an office in Phnom Penh. No experience needed, "
                         "pay USD 2,400 a month, flights and visa paid. Write to our recruiter on "
                         "Telegram @orchid_jobs_desk."},
    {"id": "x2", "text": "Data entry staff needed overseas, free housing and tickets. Apply on "
                         "Telegram @orchid_jobs_desk or email hiring@orchid-example.net."},
]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ringscope.cli", *args], capture_output=True, text=True,
                          timeout=300)


def test_export_ftm_includes_recruiter_accounts_linking_ads(tmp_path: Path) -> None:
    store, ads, out = tmp_path / "s.db", tmp_path / "ads.jsonl", tmp_path / "out.ftm.jsonl"
    ads.write_text("\n".join(json.dumps(ad) for ad in ADS) + "\n", encoding="utf-8")
    scored = run("screen", str(ads), "-o", str(tmp_path / "scored.jsonl"), "--store", str(store))
    assert scored.returncode == 0, scored.stderr
    result = run("export", "--format", "ftm", "-o", str(out), "--store", str(store))
    assert result.returncode == 0, result.stderr
    entities = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    accounts = [e for e in entities if e["schema"] == "UserAccount"]
    handle = [a for a in accounts
              if any("orchid_jobs_desk" in v for v in a["properties"].get("username", []))]
    assert len(handle) == 1
    links = [e for e in entities if e["schema"] == "Documentation"
             and handle[0]["id"] in e["properties"].get("entity", [])]
    assert len({link["properties"]["document"][0] for link in links}) == 2
