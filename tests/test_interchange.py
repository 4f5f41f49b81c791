"""`ita-desktop/1` and `/2` JSON: validated completely before anything is written, and exact round trips."""

from __future__ import annotations

import copy
import hashlib
import json
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ita_desktop.cli import main
from ita_desktop.domain.model import Organization
from ita_desktop.errors import ValidationError
from ita_desktop.interchange.json_reader import read_document
from ita_desktop.samples import SAMPLE_JSON
from ita_desktop.services.documents import export_json, import_file, load, new_document
from ita_desktop.storage.database import Database

Mutation = Callable[[dict[str, Any]], object]


def sample() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    return loaded


def write(path: Path, data: object) -> Path:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    try:
        path.write_text(text, encoding="utf-8")
    except UnicodeEncodeError:  # a lone surrogate can only travel escaped ("\ud800"), as it does in real files
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def m3(d: dict[str, Any]) -> dict[str, Any]:
    measure: dict[str, Any] = d["years"][0]["measures"][3]
    return measure


def to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """A v1 document as export writes it in v2: the format, and `indicator` as the list `indicators`."""
    data = copy.deepcopy(data)
    data["format"] = "ita-desktop/2"
    for year in data.get("years", []):
        for m in year.get("measures", []):
            if "indicator" in m:
                number = m.pop("indicator")
                m["indicators"] = number if isinstance(number, list) else [] if number is None else [number]
    return data


BAD_INPUTS: dict[str, tuple[Mutation, str, str]] = {
    "unknown key": (lambda d: m3(d).update(colour="red"), "years[0].measures[3].colour", "unknown key"),
    "bad date": (lambda d: m3(d).update(end="2024-02-30"), "years[0].measures[3].end", "bad date"),
    "Thai date": (lambda d: m3(d).update(start="1 พ.ย. 2566"), "years[0].measures[3].start", "bad date"),
    "end before start": (lambda d: m3(d).update(start="2024-09-30", end="2023-11-01"),
                         "years[0].measures[3].end", "before start"),
    "unknown indicator": (lambda d: m3(d).update(indicator=11), "years[0].measures[3].indicator",
                          "unknown indicator 11"),
    "unknown status": (lambda d: m3(d)["progress"][1].update(status="finished"),
                       "years[0].measures[3].progress[1].status", "status must be"),
    "bad round": (lambda d: m3(d).update(rounds=[6, 4]), "years[0].measures[3].rounds[1]", "round must be"),
    "bad progress round": (lambda d: m3(d)["progress"][0].update(round=5),
                           "years[0].measures[3].progress[0].round", "round must be"),
    "step out of range": (lambda d: m3(d)["progress"][2].update(step=4),
                          "years[0].measures[3].progress[2].step", "step 4 does not exist"),
    "step zero": (lambda d: m3(d)["progress"][2].update(step=0),
                  "years[0].measures[3].progress[2].step", "step 0 does not exist"),
    "text not a string": (lambda d: m3(d).update(title=12), "years[0].measures[3].title", "must be text"),
    "score given twice": (lambda d: d["years"][0]["assessment"]["indicators"].append({"number": 2, "score": 1}),
                          "years[0].assessment.indicators[10].number", "indicator 2 is scored twice"),
    "a measure id twice": (lambda d: d["years"][0]["measures"][5].update(id=m3(d)["id"]),
                           "years[0].measures[5].id",
                           "id 'sample-measure-04' is already used at years[0].measures[3].id"),
    "a measure id in two years": (lambda d: d["years"].append({"fiscal_year": 2568, "measures": [dict(m3(d))]}),
                                  "years[1].measures[0].id", "already used at years[0].measures[3].id"),
    "a step id twice": (lambda d: [s.update(id="step-1") for s in m3(d)["steps"][:2]],
                        "years[0].measures[3].steps[1].id", "already used at years[0].measures[3].steps[0].id"),
    "an empty id": (lambda d: m3(d).update(id=" "), "years[0].measures[3].id", "must not be empty"),
    "score above 100": (lambda d: d["years"][0]["assessment"]["tools"].update(OIT=101),
                        "years[0].assessment.tools.OIT", "outside 0–100"),
    "unknown tool": (lambda d: d["years"][0]["assessment"]["tools"].update(XIT=1),
                     "years[0].assessment.tools.XIT", "unknown key"),
    "fiscal year in CE": (lambda d: d["years"][0].update(fiscal_year=2024), "years[0].fiscal_year",
                          "not a Buddhist-era year"),
    "wrong format": (lambda d: d.update(format="ita-desktop/9"), "format",
                     "must be 'ita-desktop/2' or 'ita-desktop/1'"),
    "bad last measure": (lambda d: d["years"][0]["measures"][-1].update(end="soon"),
                         "years[0].measures[9].end", "bad date"),
    "a javascript: evidence link": (lambda d: m3(d)["progress"][0].update(evidence_urls=["javascript:alert(1)"]),
                                    "years[0].measures[3].progress[0].evidence_urls[0]", "is not a web link"),
    "a NUL in a title": (lambda d: m3(d).update(title="ก\x00ข"), "years[0].measures[3].title", "NUL character"),
    "a lone surrogate": (lambda d: m3(d).update(title="ก\ud800"), "years[0].measures[3].title", "lone surrogate"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_refused_naming_the_field_and_the_file_is_untouched(
        case: str, sample_doc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mutate, path, words = BAD_INPUTS[case]
    data = sample()
    mutate(data)
    bad = write(tmp_path / "bad.json", data)
    before = sha(sample_doc)

    with pytest.raises(ValidationError) as err:
        import_file(sample_doc, bad)
    assert err.value.path == path and words in err.value.problem

    capsys.readouterr()
    assert main(["import", str(sample_doc), str(bad)]) == 4
    out, stderr = capsys.readouterr()
    assert stderr.startswith(f"ita-desktop: {path}: ") and words in stderr
    assert stderr.count("\n") == 1 and "Traceback" not in stderr and out == ""
    assert sha(sample_doc) == before
    assert not Path(f"{sample_doc}-journal").exists()


def test_the_last_bad_field_stops_everything_before_it(sample_doc: Path, tmp_path: Path) -> None:
    """The first nine measures are fine and new; none of them may be written when the tenth is wrong."""
    data = sample()
    for m in data["years"][0]["measures"]:
        m.pop("id")
    data["years"][0]["measures"][-1]["rounds"] = [7]
    data["units"].append("กองใหม่ที่ไม่ควรถูกเพิ่ม")
    count = len(load(sample_doc).years[0].measures)
    with pytest.raises(ValidationError):
        import_file(sample_doc, write(tmp_path / "bad.json", data))
    doc = load(sample_doc)
    assert len(doc.years[0].measures) == count and "กองใหม่ที่ไม่ควรถูกเพิ่ม" not in doc.units


def test_bad_input_into_a_new_file_creates_no_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = sample()
    m3(data)["end"] = "2024-13-01"
    target = tmp_path / "ใหม่.ita"
    assert main(["import", str(target), str(write(tmp_path / "bad.json", data))]) == 4
    assert "years[0].measures[3].end" in capsys.readouterr().err
    assert not target.exists()


@pytest.mark.parametrize(("content", "words"), [
    (b"{\"format\": ", "is not valid JSON (line 1"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b"[]", "must be an object"),
])
def test_a_data_file_that_is_not_json(tmp_path: Path, sample_doc: Path, capsys: pytest.CaptureFixture[str],
                                      content: bytes, words: str) -> None:
    data = tmp_path / "data.json"
    data.write_bytes(content)
    before = sha(sample_doc)
    assert main(["import", str(sample_doc), str(data)]) != 0
    stderr = capsys.readouterr().err
    assert words in stderr and "Traceback" not in stderr
    assert sha(sample_doc) == before


def exported(doc_path: Path, out: Path) -> dict[str, Any]:
    export_json(doc_path, out)
    loaded: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return loaded


def stamps_by_id(path: Path, table: str) -> dict[str, dict[str, Any]]:
    with Database.open(path, read_only=True) as database:
        return {r["id"]: json.loads(r["stamps"]) for r in database.live_rows(table)}


def test_import_of_a_known_id_updates_it_and_stamps_only_what_changed(sample_doc: Path, tmp_path: Path) -> None:
    data = exported(sample_doc, tmp_path / "out.json")
    before_measures = stamps_by_id(sample_doc, "measures")
    before_steps = stamps_by_id(sample_doc, "steps")
    count = len(data["years"][0]["measures"])
    target = data["years"][0]["measures"][3]
    target["title"] = "มาตรการป้องกันการใช้ทรัพย์สินของราชการ (ปรับปรุง)"
    target["steps"][1]["text"] += " และเว็บไซต์"
    import_file(sample_doc, write(tmp_path / "edited.json", data))

    doc = load(sample_doc)
    assert len(doc.years[0].measures) == count  # updated, not added
    assert doc.years[0].measures[3].title == "มาตรการป้องกันการใช้ทรัพย์สินของราชการ (ปรับปรุง)"
    after_measures, after_steps = stamps_by_id(sample_doc, "measures"), stamps_by_id(sample_doc, "steps")
    changed = {mid for mid in after_measures if after_measures[mid] != before_measures[mid]}
    assert changed == {target["id"]}
    assert {f for f in after_measures[target["id"]] if after_measures[target["id"]][f]
            != before_measures[target["id"]][f]} == {"title"}
    changed_steps = {sid: [f for f in after_steps[sid] if after_steps[sid][f] != before_steps[sid][f]]
                     for sid in after_steps if after_steps[sid] != before_steps[sid]}
    assert changed_steps == {target["steps"][1]["id"]: ["text"]}

    # importing the same data again changes nothing at all
    before_bytes = sha(sample_doc)
    import_file(sample_doc, tmp_path / "edited.json")
    assert sha(sample_doc) == before_bytes


def test_sample_round_trip_is_exact(tmp_path: Path) -> None:
    first = tmp_path / "first.ita"
    import_file(first, SAMPLE_JSON)
    one = exported(first, tmp_path / "one.json")
    import_file(tmp_path / "second.ita", tmp_path / "one.json")
    two = exported(tmp_path / "second.ita", tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()
    assert one == two
    assert one["format"] == "ita-desktop/2"
    assert_contains(one, to_v2(sample()), "")  # nothing the sample says was lost or changed
    assert len(one["years"][0]["measures"]) == 10


def test_new_then_import_then_export_keeps_everything_the_data_says(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "x.ita"
    assert main(["new", str(doc), "--org", "องค์การบริหารส่วนตำบลบ้านตัวอย่าง", "--year", "2567"]) == 0
    assert main(["import", str(doc), str(SAMPLE_JSON)]) == 0
    assert main(["export", str(doc), str(tmp_path / "out.json"), "--doc", "plan"]) == 0
    out = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    data = to_v2(sample())
    assert set(data["units"]) <= set(out["units"])  # the new file's default units stay too
    data.pop("units")
    assert_contains(out, data, "")
    # exported again into a new file, it comes back byte for byte
    assert main(["import", str(tmp_path / "y.ita"), str(tmp_path / "out.json")]) == 0
    assert main(["export", str(tmp_path / "y.ita"), str(tmp_path / "again.json")]) == 0
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "out.json").read_bytes()
    assert main(["check", str(doc)]) == 0
    assert "OK" in capsys.readouterr().out


def assert_contains(actual: Any, expected: Any, path: str) -> None:
    """Everything ``expected`` says is in ``actual`` (which may add ids and empty defaults)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        for key, value in expected.items():
            assert key in actual, f"{path}.{key} missing"
            assert_contains(actual[key], value, f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), path
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            assert_contains(a, e, f"{path}[{i}]")
    else:
        assert actual == expected, f"{path}: {actual!r} != {expected!r}"


def test_oddities_are_kept_as_typed_with_a_warning_at_most(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    sentence = "ทุกกอง/ฝ่ายที่เกี่ยวข้อง โดยมีสำนักปลัดเป็นผู้ประสานงานหลัก ร่วมกับกองคลัง"
    data = sample()
    measure = m3(data)
    measure["units"] = [sentence]
    measure["title"] = "มาตรการที่ ๔ ลดการใช้ทรัพย์สินฯ ร้อยละ ๘๐ (80%)"
    measure["progress"][0]["done_on"] = "2023-09-30"  # a day before fiscal year 2567 starts
    doc = tmp_path / "x.ita"
    new_document(doc, Organization(), 2567)
    assert main(["import", str(doc), str(write(tmp_path / "odd.json", data))]) == 0
    stderr = capsys.readouterr().err
    assert "warning: years[0].measures[3].progress[0].done_on: date 2023-09-30 is outside fiscal year 2567" in stderr
    kept = load(doc).years[0].measures[3]
    assert kept.units == [sentence]
    assert kept.title == "มาตรการที่ ๔ ลดการใช้ทรัพย์สินฯ ร้อยละ ๘๐ (80%)"
    assert kept.progress[0].done_on is not None and kept.progress[0].done_on.isoformat() == "2023-09-30"


# -- generated documents -------------------------------------------------------------------------------------
THAI = "กขคงจฉชซญฎฐณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮะัาำิีึืุูเแโใไ่้๊๋็์ๆฯ"
cell_text = st.text(alphabet=THAI + "๐๑๒๓๔๕๖๗๘๙0123456789 <>&\"'\n-•./()", max_size=40)
days = st.dates(min_value=__import__("datetime").date(2022, 9, 1),
                max_value=__import__("datetime").date(2024, 10, 31))


@st.composite
def measures(draw: st.DrawFn, version: int = 1) -> dict[str, Any]:
    start, end = sorted([draw(days), draw(days)])
    steps = [{"text": draw(cell_text), "due": draw(st.none() | days.map(str))}
             for _ in range(draw(st.integers(0, 3)))]
    if version >= 2:
        for one in steps:
            if draw(st.booleans()):
                one["timeframe_text"] = draw(cell_text)
    progress = []
    for round_ in sorted(draw(st.lists(st.sampled_from([3, 6, 9, 12]), unique=True, max_size=2))):
        # repeated (round, step) entries: real reports have several dated entries for one step, in order
        for step in draw(st.lists(st.none() | st.integers(1, max(1, len(steps))), max_size=3)):
            if step is not None and step > len(steps):
                continue
            progress.append({"round": round_, "step": step,
                             "status": draw(st.sampled_from(["planned", "in_progress", "done"])),
                             "done_on": draw(st.none() | days.map(str)), "result": draw(cell_text),
                             "outcome": draw(cell_text),
                             "evidence_urls": draw(st.lists(st.just("https://www.example.go.th/ita/o43"),
                                                            max_size=1))})
    measure: dict[str, Any] = {"issue": draw(cell_text), "title": draw(cell_text),
               "guideline": draw(cell_text), "steps": steps, "units": draw(st.lists(cell_text, max_size=2)),
               "start": str(start), "end": str(end), "monitoring": draw(cell_text),
               "rounds": sorted(draw(st.lists(st.sampled_from([3, 6, 9, 12]), unique=True))), "progress": progress}
    numbers = draw(st.lists(st.integers(1, 10), unique=True, max_size=3))
    if version >= 2:
        measure |= {"indicators": numbers, "group": draw(cell_text), "timeframe_text": draw(cell_text)}
    elif len(numbers) > 0 or draw(st.booleans()):  # v1: one number, several, or none at all (relaxed)
        measure["indicator"] = numbers[0] if len(numbers) == 1 and draw(st.booleans()) else numbers or None
    return measure


@st.composite
def texts(draw: st.DrawFn) -> list[dict[str, Any]]:
    keys = draw(st.lists(st.tuples(st.sampled_from(["plan", "progress", "analysis"]),
                                   st.none() | st.sampled_from([3, 6, 9, 12]),
                                   st.sampled_from(["title", "intro", "closing"])), unique=True, max_size=3))
    return [{"document": d, "round": r, "part": p, "text": draw(cell_text)} for d, r, p in keys]


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    years = []
    version = draw(st.sampled_from([1, 2]))
    for fy in draw(st.lists(st.integers(2566, 2568), unique=True, min_size=1, max_size=2)):
        year: dict[str, Any] = {"fiscal_year": fy, "measures": draw(st.lists(measures(version), max_size=3)),
                                "signatories": [{"role": draw(cell_text), "name": draw(cell_text),
                                                 "position": draw(cell_text)}]}
        if version >= 2:
            year["signatories"][0] |= {"signed_name": draw(cell_text), "date": draw(st.none() | days.map(str))}
            year["texts"] = draw(texts())
        if draw(st.booleans()):
            year["assessment"] = {
                "year": fy - 1, "total": draw(st.floats(0, 100)), "level": draw(st.sampled_from(["A", "B", ""])),
                "tools": {"IIT": draw(st.floats(0, 100)), "OIT": 0},
                "indicators": [{"number": n, "score": draw(st.none() | st.floats(0, 100)), "note": draw(cell_text)}
                               | ({"verdict": draw(cell_text)} if version >= 2 else {})
                               for n in sorted(draw(st.lists(st.integers(1, 10), unique=True, max_size=3)))]}
        years.append(year)
    return {"format": f"ita-desktop/{version}",
            "organization": {"name": draw(cell_text), "province": draw(cell_text), "address": draw(cell_text)},
            "units": draw(st.lists(cell_text, max_size=3)), "years": years}


def nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: nfc(v) for k, v in value.items()}
    return value


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_round_trip_exactly(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        original = nfc(to_v2(data))  # text is stored NFC (DESIGN §7): ุ่ and ุ่ are the same text
        for year in original["years"]:  # one text per (document, round, part), kept in that order
            year.get("texts", []).sort(key=lambda t: (["plan", "progress", "analysis"].index(t["document"]),
                                                      t["round"] or 0, ["title", "intro", "closing"].index(t["part"])))
        import_file(tmp / "a.ita", write(tmp / "in.json", data))
        one = exported(tmp / "a.ita", tmp / "one.json")
        import_file(tmp / "b.ita", tmp / "one.json")
        exported(tmp / "b.ita", tmp / "two.json")
        assert (tmp / "one.json").read_bytes() == (tmp / "two.json").read_bytes()
        original.pop("units")  # units are a set of names: kept once each, in first-seen order
        assert one["units"] == list(dict.fromkeys(nfc(data["units"])))
        assert_contains(one, original | {"years": sorted(original["years"], key=lambda y: y["fiscal_year"])}, "")


def test_read_document_reports_warnings_but_never_rewrites_text() -> None:
    data = sample()
    m3(data)["issue"] = "ข้อ ๑ – ข้อ 2\n• ย่อย"
    doc, warnings = read_document(data)
    assert doc.years[0].measures[3].issue == "ข้อ ๑ – ข้อ 2\n• ย่อย"
    assert warnings == ["years[0].measures[1].progress[0].done_on: date 2023-09-30 is outside fiscal year 2567"]


# -- ita-desktop/2, and what v1 now accepts ------------------------------------------------------------------
def v2_sample() -> dict[str, Any]:
    return to_v2(sample())


V2_BAD_INPUTS: dict[str, tuple[Mutation, str, str]] = {
    "unknown key": (lambda d: m3(d).update(colour="red"), "years[0].measures[3].colour", "unknown key"),
    "an indicator twice": (lambda d: m3(d).update(indicators=[2, 2]), "years[0].measures[3].indicators[1]",
                           "indicator 2 is named twice"),
    "unknown indicator in a list": (lambda d: m3(d).update(indicators=[2, 11]),
                                    "years[0].measures[3].indicators[1]", "unknown indicator 11"),
    "indicators not a list": (lambda d: m3(d).update(indicators=2), "years[0].measures[3].indicators",
                              "must be a list"),
    "indicator not a number": (lambda d: m3(d).update(indicators=["๒"]), "years[0].measures[3].indicators[0]",
                               "must be a whole number"),
    "indicator and indicators": (lambda d: m3(d).update(indicator=2), "years[0].measures[3].indicator",
                                 "either indicator or indicators, not both"),
    "group not text": (lambda d: m3(d).update(group=["ก"]), "years[0].measures[3].group", "must be text"),
    "step timeframe not text": (lambda d: m3(d)["steps"][0].update(timeframe_text=1),
                                "years[0].measures[3].steps[0].timeframe_text", "must be text"),
    "text of no document": (lambda d: d["years"][0].update(texts=[{"document": "memo", "part": "intro"}]),
                            "years[0].texts[0].document", "must be one of plan, progress, analysis"),
    "text of no part": (lambda d: d["years"][0].update(texts=[{"document": "plan", "part": "footer"}]),
                        "years[0].texts[0].part", "must be one of title, intro, closing"),
    "text of a bad round": (lambda d: d["years"][0].update(texts=[{"document": "progress", "round": 5,
                                                                   "part": "intro"}]),
                            "years[0].texts[0].round", "round must be one of 3, 6, 9, 12 or null"),
    "text without part": (lambda d: d["years"][0].update(texts=[{"document": "plan"}]),
                          "years[0].texts[0].part", "is required"),
    "a text twice": (lambda d: d["years"][0].update(texts=[{"document": "plan", "part": "intro", "text": "ก"},
                                                           {"document": "plan", "part": "intro", "text": "ข"}]),
                     "years[0].texts[1]", "is already given at years[0].texts[0]"),
    "unknown text key": (lambda d: d["years"][0].update(texts=[{"document": "plan", "part": "intro", "x": 1}]),
                         "years[0].texts[0].x", "unknown key"),
    "bad signing date": (lambda d: d["years"][0]["signatories"][0].update(date="5/4/2567"),
                         "years[0].signatories[0].date", "bad date"),
    "verdict not text": (lambda d: d["years"][0]["assessment"]["indicators"][0].update(verdict=1),
                         "years[0].assessment.indicators[0].verdict", "must be text"),
}
V1_BAD_INPUTS: dict[str, tuple[Mutation, str, str]] = {
    "a v2 key in a v1 file": (lambda d: m3(d).update(group="ก"), "years[0].measures[3].group",
                              "is a key of ita-desktop/2; this file says ita-desktop/1"),
    "texts in a v1 file": (lambda d: d["years"][0].update(texts=[]), "years[0].texts", "is a key of ita-desktop/2"),
    "signed name in a v1 file": (lambda d: d["years"][0]["signatories"][0].update(signed_name="ก"),
                                 "years[0].signatories[0].signed_name", "is a key of ita-desktop/2"),
    "an unknown indicator in a v1 list": (lambda d: m3(d).update(indicator=[2, 11]),
                                          "years[0].measures[3].indicator[1]", "unknown indicator 11"),
    "indicator as text": (lambda d: m3(d).update(indicator="9"), "years[0].measures[3].indicator",
                          "must be a whole number"),
}


@pytest.mark.parametrize("case", sorted(V2_BAD_INPUTS))
def test_bad_v2_input_is_refused_naming_the_field(case: str) -> None:
    mutate, path, words = V2_BAD_INPUTS[case]
    data = v2_sample()
    mutate(data)
    with pytest.raises(ValidationError) as err:
        read_document(data)
    assert err.value.path == path and words in err.value.problem, (err.value.path, err.value.problem)


@pytest.mark.parametrize("case", sorted(V1_BAD_INPUTS))
def test_bad_v1_input_is_still_refused_naming_the_field(case: str) -> None:
    mutate, path, words = V1_BAD_INPUTS[case]
    data = sample()
    mutate(data)
    with pytest.raises(ValidationError) as err:
        read_document(data)
    assert err.value.path == path and words in err.value.problem, (err.value.path, err.value.problem)


def test_a_bad_v2_file_names_the_field_on_the_command_line(sample_doc: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    data = v2_sample()
    m3(data)["indicators"] = [2, 2]
    before = sha(sample_doc)
    assert main(["import", str(sample_doc), str(write(tmp_path / "bad.json", data))]) == 4
    stderr = capsys.readouterr().err
    assert stderr.startswith("ita-desktop: years[0].measures[3].indicators[1]: indicator 2 is named twice")
    assert sha(sample_doc) == before


def test_a_v1_file_the_first_release_refused_now_imports_exactly(tmp_path: Path) -> None:
    """No indicator, several indicators, and two entries for one step in one round (DESIGN §9)."""
    data = sample()
    measures = data["years"][0]["measures"]
    measures[0].pop("indicator")
    measures[1]["indicator"] = None
    measures[2]["indicator"] = [2, 3]
    first = m3(data)["progress"][0]
    later = copy.deepcopy(first) | {"done_on": "2024-01-27", "result": "ดำเนินการอีกครั้ง"}
    later.pop("id", None)
    m3(data)["progress"].insert(1, later)
    path = tmp_path / "x.ita"
    import_file(path, write(tmp_path / "v1.json", data))
    plan = load(path).years[0]
    assert [m.indicators for m in plan.measures[:3]] == [[], [], [2, 3]]
    entries = plan.measures[3].entries_for(first["round"], first["step"])
    assert [p.result for p in entries] == [first["result"], "ดำเนินการอีกครั้ง"]
    one = exported(path, tmp_path / "one.json")
    assert one["years"][0]["measures"][0]["indicators"] == []
    assert_contains(one, to_v2(data), "")


def test_every_v2_key_round_trips_exactly(tmp_path: Path) -> None:
    data = v2_sample()
    year = data["years"][0]
    m = m3(data)
    m |= {"indicators": [2, 3], "group": "มาตรการเพิ่มประสิทธิภาพการดำเนินงานและการสื่อสารกับบุคคลภายนอก",
          "timeframe_text": "ตลอดปีงบประมาณ"}
    m["steps"][0]["timeframe_text"] = "ภายในเดือนมกราคม ๒๕๖๖"
    m["progress"].append({"round": 6, "step": None, "status": "done", "result": "สรุปผลทั้งมาตรการ"})
    m["progress"].append({"round": 6, "step": None, "status": "in_progress", "result": "ครั้งที่สอง"})
    year["texts"] = [{"document": "plan", "round": None, "part": "intro", "text": "สำนักงาน ป.ป.ช. …\n\nเพื่อให้ …"},
                     {"document": "progress", "round": 6, "part": "closing", "text": "บัดนี้ … เรียบร้อยแล้ว"}]
    year["signatories"][0] |= {"signed_name": "นราศักดิ์ ปานาง", "date": "2024-04-05"}
    year["assessment"]["indicators"][0]["verdict"] = "อยู่ในระดับดี"
    import_file(tmp_path / "a.ita", write(tmp_path / "in.json", data))
    one = exported(tmp_path / "a.ita", tmp_path / "one.json")
    assert_contains(one, data, "")
    out = one["years"][0]["measures"][3]["progress"]
    assert [p["result"] for p in out[-2:]] == ["สรุปผลทั้งมาตรการ", "ครั้งที่สอง"] and out[-1]["step"] is None
    import_file(tmp_path / "b.ita", tmp_path / "one.json")
    exported(tmp_path / "b.ita", tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


SEEDS = sorted((Path(__file__).parent / "data" / "seeds").glob("*.json"))


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_real_documents_typed_in_import_and_round_trip_exactly(seed: Path, tmp_path: Path) -> None:
    """Seeds from ../shared/seeds typed as offices wrote them: no indicator or several, their own group and
    timeframe words, whole-measure results (several for one measure), a plan year and a report year in one file,
    their own titles, intro and tool wording, the name on the signature line."""
    data = json.loads(seed.read_text(encoding="utf-8"))
    import_file(tmp_path / "a.ita", seed)
    one = exported(tmp_path / "a.ita", tmp_path / "one.json")
    assert_contains(one, data, "")
    import_file(tmp_path / "b.ita", tmp_path / "one.json")
    exported(tmp_path / "b.ita", tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()
    for layout in (3, 4, 5):  # every progress layout prints such a document (its own texts: a later job)
        out = tmp_path / f"progress{layout}.pdf"
        assert main(["export", str(tmp_path / "a.ita"), str(out), "--doc", "progress", "--round", "6",
                     "--layout", str(layout)]) == 0
        assert out.stat().st_size > 0
