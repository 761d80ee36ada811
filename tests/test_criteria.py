"""The shared eligibility criteria splitter (``trialparse._criteria.split_criteria``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trialparse import _criteria
from trialparse._criteria import split_criteria

V2_MARKDOWN = """Inclusion Criteria:

* Men aged 40 to 69 years
* Localized prostate cancer is defined as:

  * Gleason score <=7
  * PSA <=10
* Signed consent

Exclusion Criteria:

1. History of peripheral neuropathy.
2. Any medical disability that, in the opinion of the Investigator,
   may interfere with the study.
"""

LEGACY_TEXTBLOCK = """
        Inclusion Criteria:

          -  Signed informed consent prior to study specific procedures.

          -  Pre- and postmenopausal women or men with Stage II (Stage IIA limited to max. 1000
             patients) or Stage III early invasive breast cancer

        FFPE tumor tissue block must be confirmed to be received at the central sample repository
        prior to randomization.

        Exclusion Criteria:

          -  Prior therapy with any CDK inhibitor.
"""

V1_PLAIN = """DISEASE CHARACTERISTICS:

Histologically confirmed unresectable stage IIIB non-small cell lung cancer

Squamous cell carcinoma
Adenocarcinoma
No stage IV or recurrent disease"""


def test_v2_markdown_bullets_and_nesting() -> None:
    inc, exc = split_criteria(V2_MARKDOWN)
    assert inc == [
        "Men aged 40 to 69 years",
        "Localized prostate cancer is defined as:",
        "Gleason score <=7",
        "PSA <=10",
        "Signed consent",
    ]
    assert exc == [
        "History of peripheral neuropathy.",
        "Any medical disability that, in the opinion of the Investigator, "
        "may interfere with the study.",
    ]


def test_legacy_textblock_unwraps_items_and_paragraphs() -> None:
    inc, exc = split_criteria(LEGACY_TEXTBLOCK)
    assert inc == [
        "Signed informed consent prior to study specific procedures.",
        "Pre- and postmenopausal women or men with Stage II (Stage IIA limited to max. 1000 "
        "patients) or Stage III early invasive breast cancer",
        "FFPE tumor tissue block must be confirmed to be received at the central sample "
        "repository prior to randomization.",
    ]
    assert exc == ["Prior therapy with any CDK inhibitor."]


def test_plain_lines_are_one_item_each_and_headless_text_is_inclusion() -> None:
    inc, exc = split_criteria(V1_PLAIN)
    assert inc == [
        "DISEASE CHARACTERISTICS:",
        "Histologically confirmed unresectable stage IIIB non-small cell lung cancer",
        "Squamous cell carcinoma",
        "Adenocarcinoma",
        "No stage IV or recurrent disease",
    ]
    assert exc == []


def test_heading_spellings() -> None:
    text = (
        "INCLUSION CRITERIA\n\nAdults\n\n"
        "Key Exclusion Criteria:\n* Smokers\n"
        "Eligibility criteria:\n* Still excluded\n"
        "Non-inclusion Criteria:\n- Minors\n"
        "1. Inclusion Criteria\n- Consent\n"
        "* Exclusion Criteria:\n* Pregnancy\n"
        "Other Exclusions\n* Prisoners\n"
    )
    inc, exc = split_criteria(text)
    assert inc == ["Adults", "Consent"]
    assert exc == ["Smokers", "Still excluded", "Minors", "Pregnancy", "Prisoners"]


def test_heading_with_text_on_the_same_line_and_glued_heading() -> None:
    inc, exc = split_criteria(
        "Inclusion Criteria: adults over 18\n"
        "* Stable heterosexual relationship Exclusion Criteria:\n"
        "* Diabetes"
    )
    assert inc == ["adults over 18", "Stable heterosexual relationship"]
    assert exc == ["Diabetes"]


def test_a_criterion_mentioning_exclusion_is_not_a_heading() -> None:
    inc, exc = split_criteria(
        "Exclusion Criteria:\n* Exclusion according to US PI\n"
        "* Patients meeting any exclusion criterion of the parent study will not be enrolled."
    )
    assert inc == []
    assert exc == [
        "Exclusion according to US PI",
        "Patients meeting any exclusion criterion of the parent study will not be enrolled.",
    ]


def test_flattened_one_line_criteria() -> None:
    inc, exc = split_criteria(
        "Inclusion Criteria: - Age > 18 - Signed consent, 18 - 65 years "
        "Exclusion Criteria: - Pregnancy - Prior therapy"
    )
    assert inc == ["Age > 18", "Signed consent, 18 - 65 years"]
    assert exc == ["Pregnancy", "Prior therapy"]


def test_markdown_bold_headings_and_markers() -> None:
    inc, exc = split_criteria(
        "**Inclusion Criteria:**\n\n(a) Adults\nb) Consent\n\n**Exclusion Criteria:**\n\n• Minors"
    )
    assert inc == ["Adults", "Consent"]
    assert exc == ["Minors"]


def test_bullets_without_space_and_odd_whitespace() -> None:
    # a bullet needs no space after it; any whitespace after it is dropped
    inc, exc = split_criteria("•Adults\n*\u00a0Consent\n·  Fasting\nExclusion Criteria:\n‣Minors")
    assert inc == ["Adults", "Consent", "Fasting"]
    assert exc == ["Minors"]
    # a textblock indented with non-breaking spaces is still a re-wrapped textblock
    block = "\u00a0" * 4 + "Adults aged\n\u00a0\u00a0\u00a0\u00a0over 18\n"
    assert split_criteria(block) == (["Adults aged over 18"], [])
    assert split_criteria(block.replace("\u00a0\u00a0\u00a0\u00a0o", "o")) == (
        ["Adults aged", "over 18"],
        [],
    )
    # the same heading in two texts switches the list in each
    for _ in range(2):
        assert split_criteria("Key Exclusion Criteria:\n* Minors") == ([], ["Minors"])


def test_empty_and_none() -> None:
    assert split_criteria(None) == ([], [])
    assert split_criteria("  \n ") == ([], [])
    assert split_criteria("Inclusion Criteria:\n\nExclusion Criteria:\n") == ([], [])


@given(st.text(max_size=400))
def test_never_crashes_and_items_come_from_the_text(text: str) -> None:
    inc, exc = split_criteria(text)
    for item in inc + exc:
        assert item.strip()
        # items are pieces of the text (markers dropped, wrapped lines joined)
        assert all(word in text for word in item.split()), item


def test_hostile_input_is_split() -> None:
    """Markers by the thousand (cost per byte is the benchmark's business, not a test's)."""
    big = ("* " + "x" * 50 + " exclusion\n") * 5000 + "Inclusion Criteria: " + "a - B " * 20000
    inc, exc = split_criteria(big)
    # text before the first heading is a preamble, not items; the heading's own line is one
    assert (inc, exc) == (["a - B " * 19999 + "a - B"], [])


def _unflatten_by_regex(text: str) -> str:
    """The reference: the two substitutions ``_unflatten`` makes on any one-line text."""
    if "\n" in text.strip():
        return text
    text = _criteria._INLINE_HEADING_RE.sub("\n", text)
    return _criteria._INLINE_BULLET_RE.sub("\n- ", text)


@pytest.mark.parametrize(
    "text",
    [
        "Inclusion Criteria: - Adults - Consent Exclusion Criteria: - Pregnancy",
        "Key Inclusion Criteria: - A - (b) thing Main  exclusion criteria: * C",
        "general non-inclusion criteria - X - y - Z",
        "criteria - A -  B  - c Inclusion criteriax - D",
        "Exclusion Criteria:\t- A - B",  # a tab: the regexes' own path
        "Exclusion Criteria:\r- A - B",
        "No headings, no bullets at all",
        "Age 18 - 65 - Signed consent",
    ],
)
def test_one_line_criteria_unflattened_as_the_regexes_do(text: str) -> None:
    """One-line criteria (inclinicaltrials prints them so) are unflattened by `find`
    scans when plain: the same text as the regexes give."""
    assert _criteria._unflatten(text) == _unflatten_by_regex(text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["inclusion", "Exclusion", "non-inclusion", "criteria", "criteriax", "Key", "main",
             "general", "-", "*", "•", "(a)", "A", "b", ":", " ", "  ", "\t", "18", "é"]
        ),
        max_size=25,
    ).map(" ".join)
)  # fmt: skip
def test_unflatten_equals_the_regexes(text: str) -> None:
    assert _criteria._unflatten(text) == _unflatten_by_regex(text)
