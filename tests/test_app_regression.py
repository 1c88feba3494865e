"""AppTest: the regression page fits with no upload, takes good and bad uploads, and its toggles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, plotly_charts

ENTRY = str(ROOT / "streamlit_app.py")
CORPUS = Path(__file__).resolve().parent / "corpus"


def open_page(**query: str) -> AppTest:
    """Page 4 with the questions off unless the test asks (these tests are about the data, the fit
    and the toggles; tests/test_app_predict_34.py asks first)."""
    query.setdefault("predict", "false")
    at = AppTest.from_file(ENTRY, default_timeout=60).run()  # registers the pages (st.navigation)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page("pages/regression.py")
    return at.run()


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [l.value for l in at.latex]
    parts += [e.value for e in at.error] + [s.value for s in at.success] + [w.value for w in at.warning]
    parts += [i.value for i in at.info] + [f"{m.label}={m.value}" for m in at.metric]
    return "\n".join(str(p) for p in parts)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_default_page_fits_the_lab_with_no_upload() -> None:
    at = open_page()
    assert not at.exception, at.exception
    assert metric(at, "w") == "199.9929"  # the lab's published figures
    assert metric(at, "b") == "100.0116"
    assert len(plotly_charts(at)) == 1 and not at.get("vega_lite_chart")  # one figure: line, cost, map (the surface on request)
    spec = json.loads(plotly_charts(at)[0].proto.spec)
    assert {trace["type"] for trace in spec["data"]} == {"scatter"} and "scene" not in spec["layout"]  # no WebGL scene on the first screen
    labels = [step["label"] for step in spec["layout"]["sliders"][0]["steps"]]
    assert labels[0] == "0" and labels[-1] == "10000" and len(labels) <= 300


def test_builtin_real_dataset_with_missing_values() -> None:
    at = open_page(dataset="Auto MPG cars", scale="true", alpha="0.1", iters="500")
    assert not at.exception, at.exception
    text = texts(at)
    assert "rows with missing values were left out" in text
    assert "converged" in text
    assert "xaxis4" in json.loads(plotly_charts(at)[0].proto.spec)["layout"]  # the scaled map is a 5th panel


def test_unscaled_large_alpha_says_how_to_fix() -> None:
    at = open_page(dataset="Auto MPG cars", alpha="0.01", iters="100")
    assert not at.exception
    assert "diverged" in at.error[0].value
    assert "stable limit" in at.error[0].value and "feature scaling" in at.error[0].value.lower()
    assert "nan" not in texts(at).lower()


def test_sequential_and_scaling_toggles_change_what_is_shown() -> None:
    at = open_page()
    before = texts(at)
    def traces() -> int:
        return len(json.loads(plotly_charts(at)[0].proto.spec)["data"])

    n_traces = traces()
    at.toggle(key="sequential").set_value(True).run()
    assert not at.exception
    assert len(plotly_charts(at)) == 1 and traces() > n_traces  # the second run on every panel
    at.toggle(key="scale").set_value(True).run()
    assert not at.exception
    assert "xaxis4" in json.loads(plotly_charts(at)[0].proto.spec)["layout"]
    assert texts(at) != before


def test_several_features() -> None:
    at = open_page(dataset="Auto MPG cars", scale="true", alpha="0.3", iters="300")
    at.multiselect(key="x").set_value(["weight_lbs", "horsepower", "model_year"]).run()
    assert not at.exception, at.exception
    assert "one feature at a time" in texts(at)


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.selectbox(key="dataset").set_value("upload").run()
    at.file_uploader(key="upload").set_value((name, content, "text/csv"))
    return at.run()


def test_good_upload_fits() -> None:
    at = upload(open_page(), "good.csv", (CORPUS / "good.csv").read_bytes())
    assert not at.exception, at.exception
    assert not at.error
    assert any(m.label == "R²" for m in at.metric)


def test_an_upload_is_read_again_from_disk_once_streamlit_let_go_of_it() -> None:
    from ui.patches.upload_files import FILES
    from ui.cache.upload_store import STORE

    content = (CORPUS / "good.csv").read_bytes()
    at = upload(open_page(), "good.csv", content)
    r2 = metric(at, "R²")
    uploaded = at.file_uploader(key="upload").value
    assert uploaded.name == "good.csv" and uploaded.getvalue() == b""  # Streamlit's copy: emptied
    session = "test session id"  # AppTest's
    assert FILES.read(session, uploaded.file_id) == content
    STORE.forget(session)  # as if the table had been set aside: the next run parses the file again
    at.run()
    assert not at.exception, at.exception
    assert not at.error and metric(at, "R²") == r2


def test_a_bad_upload_is_not_parsed_again_on_every_run(monkeypatch) -> None:
    import ui.controls.uploads

    at = upload(open_page(), "all_text.csv", (CORPUS / "all_text.csv").read_bytes())
    message = at.error[0].value
    monkeypatch.setattr(ui.controls.uploads, "load_table", lambda *a, **k: pytest.fail("parsed again"))
    at.run()
    assert not at.exception, at.exception
    assert at.error[0].value == message


BAD_FILES = {
    "empty.csv": "empty",
    "not_csv.png": "not",
    "broken.xlsx": "excel",  # excel.xlsx is a real workbook since issue 10, and loads
    "old_excel.xls": "xls",
    "all_text.csv": "numeric",
    "one_row.csv": "row",
    "header_only.csv": "row",
    "one_column.csv": "column",
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_upload_gives_message_and_keeps_last_good(name: str) -> None:
    at = upload(open_page(), "good.csv", (CORPUS / "good.csv").read_bytes())
    good_r2 = metric(at, "R²")
    at.file_uploader(key="upload").set_value((name, (CORPUS / name).read_bytes(), "text/csv"))
    at.run()
    assert not at.exception, at.exception
    assert at.error, f"no message for {name}"
    assert BAD_FILES[name] in at.error[0].value.lower()
    assert metric(at, "R²") == good_r2  # the last good data stays on screen


def test_bad_columns_keep_last_good_fit() -> None:
    at = upload(open_page(), "constant.csv", (CORPUS / "constant.csv").read_bytes())
    assert not at.exception, at.exception
    assert at.error and "same value" in at.error[0].value


def test_missing_values_can_be_dropped_or_not() -> None:
    at = upload(open_page(), "missing.csv", (CORPUS / "missing.csv").read_bytes())
    assert not at.exception, at.exception
    at.checkbox(key="drop_missing").uncheck().run()
    assert not at.exception
    assert at.error and "missing" in at.error[0].value


@pytest.mark.parametrize("query", [{"w0": "1e308"}, {"b0": "-1e308", "scale": "true"}])
def test_huge_start_gives_a_message_not_a_traceback(query: dict[str, str]) -> None:
    at = open_page(**query)
    assert not at.exception, at.exception
    assert "could not start" in at.error[0].value


def test_sequential_comparison_is_in_the_url() -> None:
    at = open_page(sequential="true")
    assert not at.exception
    assert at.toggle(key="sequential").value is True
