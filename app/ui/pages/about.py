"""About, the not-medical-advice statement, and the theme choice.

It is one tap away from every screen (the info button in the app bar).
"""

from __future__ import annotations

from app.content import Section, reviewed_on
from app.formats import format_date
from app.ui.frame.context import Ctx, Screen, card, heading, para

DISCLAIMER = (
    "Lip Twitch Check is not medical advice and does not diagnose anything. It shares "
    "general information from one source document and helps you decide whether to see a "
    "doctor. If you are worried, or if things get worse, talk to a doctor or other "
    "healthcare professional. In an emergency, call your emergency number."
)


def provenance(sections: tuple[Section, ...]) -> str:
    """Where the Learn text comes from and when it was last reviewed."""
    document = sections[0].document
    named = f"the document {document.credit}" if document else "one source document"
    return (
        f"The Learn sections reproduce {named}. Each section ends with the part of it "
        f"that it shows. Content last reviewed on {format_date(reviewed_on(sections))}."
    )


def build(ctx: Ctx, params: list[str]) -> Screen:
    return Screen(
        title="About",
        back="/",
        body=[
            card(heading("Not medical advice"), para(DISCLAIMER)),
            card(
                heading("Your data stays on this device"),
                para(
                    "Your answers, results and logs are stored only on this device. The app "
                    "makes no network calls and has no analytics."
                ),
            ),
            card(
                heading("Where the information comes from"),
                para(provenance(ctx.services.sections)),
                para(
                    "The stroke warning signs in 'When to consult a doctor' are standard "
                    "emergency advice, and the note never to stop a prescribed medicine on "
                    "your own is an app safety note; both are labelled as such."
                ),
            ),
        ],
    )
