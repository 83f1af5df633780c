"""Moderation: behind the admin password, approve or reject pending suggestions; every action audited."""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from lermap import contributions, store, ui

_AUTHENTICATED = "_admin_authenticated"

st.title("Moderation")
if ui.read_only() or not ui.admin_password():
    st.error("Moderation is switched off: no admin password is configured, or the map is read-only.")
    st.stop()

if not st.session_state.get(_AUTHENTICATED):
    with st.form("admin_login"):
        given = st.text_input("Admin password", type="password")
        if st.form_submit_button("Sign in", type="primary"):
            if ui.check_admin_password(given):
                st.session_state[_AUTHENTICATED] = True
                st.rerun()
            time.sleep(1)  # slows down guessing
            st.error("Wrong password.")
    st.stop()

engine = ui.contributions_engine()
ds = ui.shared_result().dataset
actor = st.text_input("Your name (recorded in the audit log)", value="admin", max_chars=contributions.SUBMITTER_LIMIT)


def current(submission: store.Submission) -> dict[str, str] | None:
    if ds is None:
        return None
    frame = ds.relationships if submission.kind == "relationship" else ds.organizations
    return contributions.current_record(frame, submission)


def decide(submission: store.Submission, approve: bool) -> None:
    # Read the note here: arguments bound at render time would hold the text before this click.
    note = st.session_state.get(f"note_{submission.id}", "")
    try:
        store.decide(engine, submission.id, approve=approve, actor=actor or "admin", note=note,
                     before=current(submission))  # fmt: skip
        st.session_state["_admin_notice"] = f"#{submission.id} {'approved' if approve else 'rejected'}."
    except store.StoreError as exc:
        st.session_state["_admin_notice"] = str(exc)


if notice := st.session_state.pop("_admin_notice", None):
    st.toast(notice)

pending = store.list_submissions(engine, store.PENDING)
st.subheader(f"Pending suggestions ({len(pending)})")
if not pending:
    st.info("Nothing is waiting for moderation.")
for submission in pending[:50]:
    before = current(submission)
    label = f"#{submission.id} · {submission.kind} · {submission.target} · {submission.submitted_at}"
    with st.expander(label, expanded=submission is pending[0]):
        st.caption(f"From {ui.md(submission.submitter or 'anonymous')}. " + ("New record." if before is None else ""))
        changes = contributions.diff(before, submission.payload)
        st.dataframe(
            changes, hide_index=True, width="stretch", column_config={"changed": st.column_config.CheckboxColumn()}
        )
        st.text_input("Note (kept with the decision)", key=f"note_{submission.id}", max_chars=1000)
        left, right = st.columns(2)
        left.button("Approve", key=f"approve_{submission.id}", type="primary", icon=":material/check:",
                    on_click=decide, args=(submission, True))  # fmt: skip
        right.button("Reject", key=f"reject_{submission.id}", icon=":material/close:",
                     on_click=decide, args=(submission, False))  # fmt: skip

st.subheader("Audit log")
st.caption("Every submission and decision, newest first. Nothing is deleted: rejected suggestions stay, marked.")
log = pd.DataFrame(
    store.audit_log(engine), columns=["id", "at", "actor", "action", "submission_id", "note", "before", "after"]
)
st.dataframe(log, hide_index=True, width="stretch")
