"""Pure parts of the benchmark harness: statistics, page selection, performance.md upkeep.

No server is started here; `make bench` exercises the rest.
"""

from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench import report
from bench.load import PageResult
from bench.pages import PAGES, Page, select
from bench.stats import percentile, summarize
from bench.system import RunInfo


def test_percentile_interpolates_between_ranks():
    values = [10.0, 20.0, 30.0, 40.0]
    assert percentile(values, 0) == 10.0
    assert percentile(values, 100) == 40.0
    assert percentile(values, 50) == 25.0
    assert percentile(values, 95) == pytest.approx(38.5)


def test_percentile_does_not_depend_on_order_and_handles_edges():
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile([7.0], 99) == 7.0
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError):
        percentile([1.0], 101)


@given(st.lists(st.floats(0, 10_000, allow_nan=False), min_size=2, max_size=200))
def test_percentile_matches_statistics_inclusive_quantiles(values):
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    for q in (50, 95, 99):
        assert percentile(values, q) == pytest.approx(cuts[q - 1], rel=1e-9, abs=1e-9)


def test_summarize_counts_requests_per_second():
    summary = summarize([1.0, 2.0, 3.0, 4.0], count=5, errors=1, elapsed_s=0.5)
    assert summary.count == 5
    assert summary.errors == 1
    assert summary.p50 == 2.5
    assert summary.rps == 10.0


def test_select_pages_by_key():
    assert select(PAGES, "") == PAGES
    assert [p.key for p in select(PAGES, "dasbor, login")] == ["login", "dasbor"]
    with pytest.raises(ValueError, match="tidak dikenal"):
        select(PAGES, "dasbor,tidak-ada")


def test_page_keys_are_unique_and_paths_with_id_have_a_lookup():
    assert len({p.key for p in PAGES}) == len(PAGES)
    for page in PAGES:
        assert page.path.startswith("/")
        assert ("{id}" in page.path) == bool(page.lookup)


def _info(database: str = "postgres", size: int = 0) -> RunInfo:
    return RunInfo(
        database_key=database,
        database="PostgreSQL 16.4",
        dataset_size=size,
        cache="locmem",
        workers=2,
        concurrency=4,
        requests=300,
        load_before=0.25,
        date="2025-01-01 10:00 WIB",
        commit="abc1234",
        cpu="Test CPU",
        cores=2,
        ram_gb=24.0,
        python="3.11.7",
        django="5.2",
        gunicorn="23.0",
    )


def _result(title: str = "Dasbor", p50: float = 12.345) -> PageResult:
    page = Page("dasbor", title, "/admin/", staff=True)
    summary = summarize([p50], count=300, errors=0, elapsed_s=2.0)
    return PageResult(page, "/admin/", summary)


def test_render_section_has_markers_metadata_and_row():
    section = report.render_section(_info(size=25000), [_result()], ["catatan uji"])
    lines = section.splitlines()
    assert lines[0] == "<!-- bench:postgres:25000 -->"
    assert lines[-1] == "<!-- /bench:postgres:25000 -->"
    assert "| Halaman | URL | n | p50 ms | p95 ms | p99 ms | req/s | galat |" in lines
    assert "| Dasbor | `GET /admin/` | 300 | 12.3 | 12.3 | 12.3 | 150.0 | 0 |" in lines
    assert "commit `abc1234`" in section
    assert "25000 penduduk" in section
    assert "- catatan uji" in lines


def test_replace_section_appends_new_configuration_after_intro():
    key = report.section_key("postgres", 0)
    section = report.render_section(_info(), [_result()], [])
    document = report.replace_section(report.INTRO, key, section)
    assert document.startswith(report.INTRO.rstrip("\n"))
    assert document.endswith(section + "\n")
    assert report.replace_section("", key, section) == section + "\n"


def test_replace_section_replaces_same_key_and_keeps_others():
    pg = report.section_key("postgres", 0)
    lite = report.section_key("sqlite", 0)
    document = report.INTRO
    document = report.replace_section(
        document, pg, report.render_section(_info(), [_result(p50=1.0)], [])
    )
    document = report.replace_section(
        document, lite, report.render_section(_info("sqlite"), [_result(p50=2.0)], [])
    )
    new_pg = report.render_section(_info(), [_result(p50=99.0)], [])
    updated = report.replace_section(document, pg, new_pg)

    assert updated.count("<!-- bench:postgres:0 -->") == 1
    assert "| 99.0 |" in updated
    assert "| 1.0 |" not in updated
    assert "| 2.0 |" in updated  # the SQLite section is untouched
    assert updated.index("bench:postgres:0") < updated.index("bench:sqlite:0")  # order kept
    assert report.replace_section(updated, pg, new_pg) == updated  # idempotent


def test_write_starts_from_intro_and_keeps_hand_edits(tmp_path):
    path = tmp_path / "docs" / "performance.md"
    key = report.section_key("postgres", 0)
    report.write(report.render_section(_info(), [_result(p50=1.0)], []), key, path)
    assert path.read_text().startswith("# Kinerja SID")

    path.write_text(path.read_text().replace("# Kinerja SID", "# Kinerja SID (disunting)"))
    report.write(report.render_section(_info(), [_result(p50=5.0)], []), key, path)
    text = path.read_text()
    assert text.startswith("# Kinerja SID (disunting)")
    assert "| 5.0 |" in text
    assert "| 1.0 |" not in text


def test_halaman_surat_diambil_dari_bagian_terdekat_25_ribu():
    from bench.surat import halaman_dari_dokumen

    def bagian(n: int, p95: str) -> str:
        return (
            f"<!-- bench:postgres:{n} -->\nDiukur {n}\n\n"
            f"| Formulir surat | `GET /x/` | 200 | 1 | {p95} | 1 | 1 | 0 |\n"
            f"<!-- /bench:postgres:{n} -->\n"
        )

    dokumen = bagian(27047, "35") + bagian(10819, "36") + bagian(108190, "44")
    hasil = halaman_dari_dokumen(dokumen)
    assert hasil[0] == "Diukur 27047" and "| 35 |" in hasil[-1]
    assert halaman_dari_dokumen("tanpa bagian") == []
