import json
import subprocess
import sys
from pathlib import Path

RUN = "import typer; from ringscope.screen.command import screen_command; typer.run(screen_command)"


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, input=stdin,
                          timeout=120, check=False)


def test_screen_files_to_jsonl_with_ftm_and_networks(tmp_path: Path) -> None:
    ads = tmp_path / "ads.jsonl"
    ads.write_text("\n".join([
        json.dumps({"id": "p1", "text": "Customer service in Bangkok, Thailand. USD 2,000 per month, free "
                                       "flights. Telegram @harbour_jobs"}),
        json.dumps({"id": "p2", "text": "Data entry typists wanted, Telegram @harbour_jobs"}),
        "{broken",
        json.dumps({"id": "p3", "text": ""}),
    ]), encoding="utf-8")
    (tmp_path / "one.txt").write_text("Librarian for a school library, three days a week.", encoding="utf-8")
    out, ftm, nets = tmp_path / "out.jsonl", tmp_path / "net.ftm.jsonl", tmp_path / "nets.jsonl"
    proc = _run(str(ads), str(tmp_path / "one.txt"), "-o", str(out), "--ftm", str(ftm),
                "--networks", str(nets))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows][:2] == ["p1", "p2"] and len(rows) == 5
    assert rows[0]["level"] in ("medium", "high") and rows[0]["destinations"] == ["TH"]
    assert "invalid JSON" in rows[2]["error"] and "empty ad" in rows[3]["error"]
    assert "screened 5 ads" in proc.stderr and "2 not screened" in proc.stderr
    schemas = {json.loads(line)["schema"] for line in ftm.read_text(encoding="utf-8").splitlines()}
    assert {"UserAccount", "Document", "Documentation"} <= schemas
    (net,) = [json.loads(line) for line in nets.read_text(encoding="utf-8").splitlines()]
    assert net["ads"] == ["p1", "p2"]


def test_stdin_to_stdout() -> None:
    proc = _run("-", stdin=json.dumps({"id": "s1", "text": "Night porter for a small hotel."}) + "\n")
    assert proc.returncode == 0, proc.stderr
    (row,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert row["id"] == "s1" and row["level"] in ("low", "medium", "high")


def test_missing_input_is_one_line_error(tmp_path: Path) -> None:
    proc = _run(str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl"))
    assert proc.returncode == 1
    assert "no such file" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "o.jsonl").exists()
