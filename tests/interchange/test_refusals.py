"""A document the importer refuses writes nothing and says what is wrong, and where."""

import copy
import json

import pytest
from django.core.management import CommandError, call_command

from apps.budgets.models import FiscalYear
from apps.filings.models import Evidence, Filing
from apps.interchange.export import document_export, document_text
from apps.interchange.importer import document_import
from apps.interchange.schema import FormatError
from apps.organizations.models import Department, FinanceBureau

from . import canonical
from .conftest import empty_database, reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(world) -> dict:
    """Bureau A's year, its one filing reviewed twice, as JSON would bring it back."""
    reviewed(world)
    text = document_text(document_export(world.year_a))
    empty_database()
    return json.loads(text)


def _refused(document: dict) -> FormatError:
    with pytest.raises(FormatError) as refused:
        document_import(document)
    assert not FinanceBureau.objects.exists(), "a refused import wrote something"
    return refused.value


def test_the_document_is_what_the_test_edits(document):
    rows = document["filings"][0]["content"]["rows"]
    assert rows[2]["weight"] == "10.00" and document["filings"][0]["snapshots"][1]["cells"]


def test_an_unknown_version_is_refused(document):
    error = _refused({**document, "version": 2})
    assert error.path == "version" and "2" in error.message


def test_another_format_is_refused(document):
    assert _refused({**document, "format": "something.else"}).path == "format"


def test_a_missing_field_is_refused_naming_it(document):
    broken = copy.deepcopy(document)
    del broken["filings"][0]["snapshots"][1]["cells"]
    error = _refused(broken)
    assert (error.path, error.message) == ("filings[0].snapshots[1].cells", "缺少此项")


def test_a_number_where_a_decimal_string_is_expected_is_refused(document):
    broken = copy.deepcopy(document)
    broken["filings"][0]["content"]["rows"][2]["weight"] = 30.0
    error = _refused(broken)
    assert error.path == "filings[0].content.rows[2].weight"
    assert "应写作字符串" in error.message


def test_a_decimal_beyond_its_columns_digits_is_refused(document):
    broken = copy.deepcopy(document)
    broken["filings"][0]["content"]["funding_lines"][0]["executed"] = "1.005"
    assert _refused(broken).path == "filings[0].content.funding_lines[0].executed"


def test_a_time_without_its_offset_is_refused(document):
    broken = copy.deepcopy(document)
    broken["filings"][0]["events"][0]["created_at"] = "2024-06-01T10:00:00"
    assert _refused(broken).path == "filings[0].events[0].created_at"


def test_a_duplicated_filing_is_refused(document):
    broken = copy.deepcopy(document)
    broken["filings"].append(copy.deepcopy(broken["filings"][0]))
    error = _refused(broken)
    assert error.path == "filings[1]" and "filings[0]" in error.message


def test_an_unknown_user_is_refused(document):
    broken = copy.deepcopy(document)
    broken["filings"][0]["reviews"][0]["reviewer"] = "nobody"
    assert _refused(broken).path == "filings[0].reviews[0].reviewer"


def _files(settings) -> set:
    return {p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file()}


def test_a_failure_after_the_evidence_was_written_leaves_no_file(document, settings):
    broken = copy.deepcopy(document)
    assert broken["filings"][0]["evidence"]
    broken["filings"][0]["evidence_events"][0]["evidence"] = "#9"
    files = _files(settings)

    assert _refused(broken).path == "filings[0].evidence_events[0].evidence"
    assert _files(settings) == files


def test_a_dry_run_leaves_no_file(document, settings):
    files = _files(settings)
    document_import(document, dry_run=True)
    assert _files(settings) == files and not FinanceBureau.objects.exists()
    document_import(document)
    assert len(_files(settings)) == len(files) + 1


def test_a_file_that_does_not_match_its_checksum_is_refused(document):
    broken = copy.deepcopy(document)
    broken["filings"][0]["evidence"][0]["content_base64"] = "AAAA"
    assert _refused(broken).path == "filings[0].evidence[0].content_base64"


def test_a_project_of_another_department_is_refused(document):
    broken = copy.deepcopy(document)
    own = broken["filings"][0]["project"]
    other = next(p for p in broken["reference"]["projects"] if p["department"] != own[0])
    broken["filings"][0]["project"] = [other["department"], other["code"]]
    error = _refused(broken)
    assert error.path == "filings[0].project" and "属于其他部门" in error.message


def test_row_refs_with_a_gap_are_refused(document):
    broken = copy.deepcopy(document)
    broken["filings"][0]["content"]["rows"][0]["ref"] = "#99"
    error = _refused(broken)
    assert error.path == "filings[0].content" and "#1" in error.message


def test_a_value_the_databases_constraints_refuse_is_refused_at_its_filing(document):
    broken = copy.deepcopy(document)
    broken["filings"][0]["content"]["rows"][0]["weight"] = "-5.00"
    error = _refused(broken)
    assert error.path == "filings[0]" and "weight" in error.message


def test_a_department_clashing_with_one_already_there_is_refused(document):
    department = document["reference"]["departments"][0]
    bureau = FinanceBureau.objects.create(
        region_code=document["bureau"]["region_code"], name="已有的财政局", level="county"
    )
    Department.objects.create(bureau=bureau, name=department["name"], budget_code="999")

    with pytest.raises(FormatError) as refused:
        document_import(document)

    assert refused.value.path == "reference.departments[0]"
    assert Department.objects.count() == 1 and not FiscalYear.objects.exists()


def test_importing_twice_is_refused_and_writes_nothing(document):
    document_import(document)
    before = canonical.dump()

    with pytest.raises(FormatError) as refused:
        document_import(document)

    assert refused.value.path == "filings[0]" and "已在数据库中" in refused.value.message
    assert canonical.dump() == before
    assert Filing.objects.count() == 1


def test_reference_objects_already_there_are_matched_not_made_again(document):
    document_import({**document, "filings": []})  # the bureau, year, departments … only
    bureaus = list(FinanceBureau.objects.values_list("pk", flat=True))

    document_import(document)

    assert list(FinanceBureau.objects.values_list("pk", flat=True)) == bureaus
    assert Filing.objects.count() == 1 and Evidence.objects.count() == 1
    again = document_export(Filing.objects.get().fiscal_year)
    assert {**again, "exported_at": ""} == {**document, "exported_at": ""}


def test_the_commands_export_import_and_dry_run(document, tmp_path, capsys):
    path = tmp_path / "filings.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    call_command("import_filings", str(path), "--dry-run")
    assert "未写入任何数据" in capsys.readouterr().out
    assert not FinanceBureau.objects.exists()

    call_command("import_filings", str(path))
    assert Filing.objects.count() == 1
    region, year = document["bureau"]["region_code"], document["fiscal_year"]["year"]
    output = tmp_path / "again.json"
    call_command("export_filings", "--bureau", region, "--year", str(year), "--output", str(output))
    again = json.loads(output.read_text(encoding="utf-8"))
    assert {**again, "exported_at": ""} == {**document, "exported_at": ""}


def test_the_import_command_says_what_to_fix(document, tmp_path):
    broken = copy.deepcopy(document)
    broken["filings"][0]["content"]["rows"][2]["weight"] = 30.0
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(CommandError, match=r"filings\[0\]\.content\.rows\[2\]\.weight"):
        call_command("import_filings", str(path))
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="不是 JSON"):
        call_command("import_filings", str(path))
    assert not FinanceBureau.objects.exists()


def test_the_export_command_refuses_an_unknown_year(db):
    with pytest.raises(CommandError, match="没有 2023 财年"):
        call_command("export_filings", "--bureau", "999999", "--year", "2023")
