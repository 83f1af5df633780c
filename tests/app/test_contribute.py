"""AppTest: the suggestion forms, the moderation page behind its password, read-only mode, uploads in session."""

from __future__ import annotations

import time

import pytest

from lermap import contributions, store, templates, ui
from lermap.load import read_directory
from lermap.upload import UploadedFile, check_upload
from tests.app.conftest import run_page
from tests.conftest import TINY

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _store(tmp_path, monkeypatch) -> str:
    monkeypatch.setenv(store.STORE_DIR_ENV, str(tmp_path / "store"))
    monkeypatch.delenv(store.DATABASE_URL_ENV, raising=False)
    monkeypatch.delenv(ui.READ_ONLY_ENV, raising=False)
    monkeypatch.delenv(ui.ADMIN_PASSWORD_ENV, raising=False)
    return store.sqlite_url(tmp_path / "store")


def widget(elements, label: str):
    return next(w for w in elements if w.label.startswith(label))


def fill_new_organization(at, **values: str) -> None:
    row = {**templates.EXAMPLE_ORGANIZATIONS[0], **values}
    widget(at.text_input, "Id").input(row["id"])
    widget(at.text_input, "Name").input(row["name"])
    widget(at.selectbox, "Primary stakeholder group").select(row["primary_group"])
    widget(at.text_area, "Description").input(row["description"])
    widget(at.text_input, "Website").input(row["website"])
    widget(at.text_input, "Source").input(row["source_url"])
    widget(at.text_input, "Country").input(row["country"])
    widget(at.button, "Send the suggestion").click()
    at.run()


def test_a_new_organization_is_stored_pending(_store: str) -> None:
    at = run_page("contribute")
    assert not at.exception
    fill_new_organization(at)
    assert not at.exception
    assert any("is waiting for a moderator" in s.value for s in at.success)
    engine = store.make_engine(_store)
    [stored] = store.list_submissions(engine)
    assert (stored.kind, stored.target, stored.status) == ("organization", "example-college", store.PENDING)
    assert stored.payload["source_url"] == "https://www.example.edu/about"


def test_a_bad_suggestion_is_refused_with_its_message(_store: str) -> None:
    at = run_page("contribute")
    fill_new_organization(at, website="javascript:alert(1)", name="<b>Bold</b>")
    shown = "\n".join(c.value for c in at.code)
    assert "website: malformed URL 'javascript:alert(1)'" in shown
    assert "name: looks like HTML markup" in shown
    assert store.count(store.make_engine(_store)) == 0


def test_the_session_rate_limit(_store: str) -> None:
    at = run_page("contribute")
    at.session_state["_submission_times"] = [time.time()] * contributions.RATE_LIMIT
    fill_new_organization(at)
    assert any("please wait" in e.value for e in at.error)
    assert store.count(store.make_engine(_store)) == 0


def test_a_relationship_suggestion(_store: str) -> None:
    at = run_page("contribute")
    widget(at.selectbox, "From").select("1edtech")
    widget(at.selectbox, "Relation").select("uses_standard")
    widget(at.selectbox, "To").select("credential-engine")
    widget(at.text_input, "Source: the page that states it").input("https://example.org/standards")
    at.button[-1].click()
    at.run()
    assert not at.exception
    [stored] = store.list_submissions(store.make_engine(_store))
    assert stored.target == "1edtech|credential-engine|uses_standard"


def titles(at) -> list[str]:
    return [t.value for t in at.title]


def test_moderation_is_absent_without_a_password() -> None:
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        run_page("admin")


@pytest.mark.parametrize("page", ["contribute", "admin"])
def test_read_only_hides_suggestions_and_moderation(monkeypatch, page: str) -> None:
    monkeypatch.setenv(ui.READ_ONLY_ENV, "1")
    monkeypatch.setenv(ui.ADMIN_PASSWORD_ENV, PASSWORD)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        run_page(page)
    assert not run_page("data").exception  # bringing your own data stays: it touches nothing shared


def test_moderation_password_gate_and_approval_reaches_the_map(_store: str, monkeypatch) -> None:
    monkeypatch.setenv(ui.ADMIN_PASSWORD_ENV, PASSWORD)
    engine = store.make_engine(_store)
    number = store.submit(engine, "organization", "example-college", dict(templates.EXAMPLE_ORGANIZATIONS[0]))

    at = run_page("admin")
    assert titles(at) == ["Moderation"]
    at.text_input[0].input("wrong")
    at.button[0].click()
    at.run()
    assert any("Wrong password" in e.value for e in at.error)
    assert not [b for b in at.button if b.label == "Approve"]

    at.text_input[0].input(PASSWORD)
    at.button[0].click()
    at.run()
    assert not at.exception
    widget(at.text_input, "Note").input("source checked")
    widget(at.button, "Approve").click()
    at.run()
    assert not at.exception
    decided = store.get(engine, number)
    assert (decided.status, decided.decision_note) == (store.APPROVED, "source checked")
    assert [row["action"] for row in store.audit_log(engine)] == ["approved", "submitted"]

    overview = run_page("overview")
    organizations = next(m for m in overview.metric if m.label == "Organizations")
    assert organizations.value == "11"  # the tiny dataset's 10 plus the approved one


def test_an_upload_is_explored_in_this_session_only() -> None:
    content = {
        name: raw for name, raw in read_directory(TINY).items() if name not in ("organizations", "relationships")
    }
    report = check_upload(UploadedFile("mine.csv", templates.csv_template(ui.schema.ORGANIZATIONS)), None, content)
    at = run_page("data")
    assert not at.exception
    at.session_state[ui.UPLOADED_DATASET_KEY] = report.result
    at.switch_page("pages/overview.py")
    at.run()
    assert next(m for m in at.metric if m.label == "Organizations").value == "2"
    at.switch_page("pages/data.py")
    at.run()
    widget(at.button, "Back to the bundled data").click()
    at.run()
    at.switch_page("pages/overview.py")
    at.run()
    assert next(m for m in at.metric if m.label == "Organizations").value == "10"
    assert run_page("overview").metric[0].value == "10"  # another session never saw the upload
