"""The zip shipped to Spark executors holds the whole package, and the pipeline runs from it."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from ringscope.engines.rows import dumps
from ringscope.engines.ship import build_package_zip
from ringscope.engines.uris import has_scheme, local_path, to_uri
from ringscope.extract import extract

TEXT = "Police in Laos freed 75 Ugandan workers from a compound in Bokeo province on 3 June 2025."

RUN_FROM_ZIP = """
import json, sys
sys.path.insert(0, sys.argv[1])
import ringscope
from ringscope.engines.rows import dumps
from ringscope.extract import extract
result = dumps(extract(sys.argv[2], "2025-06-05").to_dict())
print(json.dumps({"file": ringscope.__file__, "extraction": result}))
"""


def test_the_zip_holds_modules_and_data_files_but_no_bytecode(tmp_path: Path) -> None:
    archive = build_package_zip(tmp_path)
    names = set(zipfile.ZipFile(archive).namelist())
    for needed in ("ringscope/__init__.py", "ringscope/engines/rows.py", "ringscope/vocab.yaml",
                   "ringscope/data/places.tsv.gz", "ringscope/screen/indicators.yaml"):
        assert needed in names
    assert not [n for n in names if n.endswith(".pyc") or "__pycache__" in n]


def test_the_pipeline_runs_from_the_zip_with_the_same_results(tmp_path: Path) -> None:
    archive = build_package_zip(tmp_path)
    done = subprocess.run([sys.executable, "-c", RUN_FROM_ZIP, str(archive), TEXT],
                          capture_output=True, text=True, check=True)
    answer = json.loads(done.stdout)
    assert answer["file"].startswith(str(archive))
    assert answer["extraction"] == dumps(extract(TEXT, "2025-06-05").to_dict())
    assert json.loads(answer["extraction"])["entities"]  # the gazetteer was read from the zip


def test_uris_and_paths(tmp_path: Path) -> None:
    assert has_scheme("s3a://bucket/x.jsonl") and has_scheme("file:///tmp/x") and not has_scheme("x.jsonl")
    assert to_uri("hdfs://nn:8020/news/x.jsonl") == "hdfs://nn:8020/news/x.jsonl"
    assert to_uri(str(tmp_path / "a b.jsonl")) == (tmp_path / "a b.jsonl").as_uri()
    assert local_path((tmp_path / "a b.jsonl").as_uri()) == tmp_path / "a b.jsonl"
    assert local_path("relative/x.jsonl") == Path("relative/x.jsonl")
    assert local_path("hdfs://nn/x.jsonl") is None and local_path("file://otherhost/x") is None
