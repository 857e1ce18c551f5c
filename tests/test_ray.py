"""The Ray engine on a local cluster gives exactly the local engine's records."""
from __future__ import annotations

import orjson
import pytest

ray = pytest.importorskip("ray", reason="Ray is not installed: pip install 'bulletins[ray]' "
                                        "(`make test` installs it so CI runs these tests)")

from pipeline.config import load_config  # noqa: E402
from pipeline.runner import run  # noqa: E402
from tests.test_runner import make_inputs  # noqa: E402


@pytest.fixture(scope="module")
def local_cluster():
    from pipeline.engines.ray_engine import init_ray

    if ray.is_initialized():
        ray.shutdown()
    init_ray(num_cpus=2)
    yield
    ray.shutdown()


@pytest.fixture
def inputs(tmp_path):
    folder = make_inputs(tmp_path / "in", 20)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "page.html").write_text("<html><body><p>洪山区开展宣讲活动12场。</p></body></html>")
    return folder


def test_ray_records_equal_local_engine(local_cluster, inputs, tmp_path, monkeypatch):
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    local_out, ray_out = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    local = run([str(inputs)], load_config(), output=str(local_out))
    on_ray = run([str(inputs)], load_config(), output=str(ray_out), engine="ray", workers=2)
    assert (on_ray.records, on_ray.errors) == (local.records, local.errors) == (21, 1)
    assert ray_out.read_bytes() == local_out.read_bytes()
    assert (tmp_path / "ray.errors.jsonl").read_bytes() == (tmp_path / "local.errors.jsonl").read_bytes()
    again = run([str(inputs)], load_config(), output=str(ray_out), engine="ray", workers=2)
    assert again.unchanged == 22 and again.records == 0        # incremental on Ray too


def test_ray_writes_parquet_on_the_cluster(local_cluster, inputs, tmp_path):
    import pyarrow.parquet as pq

    local_out = tmp_path / "local.jsonl"
    run([str(inputs)], load_config(), output=str(local_out))
    summary = run([str(inputs)], load_config(), output=str(tmp_path / "out.parquet"),
                  engine="ray", workers=2)
    table = pq.read_table(tmp_path / "out.parquet")
    assert summary.records == table.num_rows == 22
    records = sorted((orjson.loads(r) for r in table.column("record").to_pylist() if r),
                     key=lambda r: r["doc_id"])
    expected = sorted((orjson.loads(x) for x in local_out.read_bytes().splitlines()),
                      key=lambda r: r["doc_id"])
    assert records == expected
    errors = [orjson.loads(e) for e in table.column("error").to_pylist() if e]
    assert [e["doc_id"] for e in errors] == ["empty"]
