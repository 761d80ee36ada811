"""inclinicaltrials.com: a mirror of ClinicalTrials.gov, saved as text.

Main study page (the seeds)::

    Clinical Trials Logo
    Clinical Trial Summary
    Up to 50% of soft tissue sarcoma (STS) patients will develop metastases ...
    Clinical Trial Description
    Open label, Phase II, prospective, multicentric, randomized study ... ;
    Study Design
    Related Conditions & MeSH terms
    NCT number NCT03548428
    Study type Interventional
    Source Centre Antoine Lacassagne
    Contact Colin DEBAIGT, PhD
    Phone 0033 4 92 03 17 78
    Email DRCI-Promotion@nice.unicancer.fr
    Status Recruiting
    Phase Phase 2
    Start date June 4, 2020
    Completion date December 1, 2027
    See also
    \u00a0 Status Clinical Trial Phase
    Recruiting NCT04457258 - 68Ga-FAPi-46 PET/CT Scan in Imaging Patients With Sarcoma Early Phase 1
    Active, not recruiting NCT04383210 - Study of Seribantumab in ... Phase 2

Other templates of the same site (known from FORMATS.md's description, not from real saved
pages: the samples of these are constructed):

- details page: ``Clinical Trial Details — Status: Recruiting``, blocks
  ``Administrative data``, ``Study information``, ``Clinical Trial Summary``,
  ``Description:``, ``Recruitment information / eligibility``; the same
  ``Label value`` lines plus ``Other study ID #``, ``Secondary ID``,
  ``First received``, ``Last updated``, ``Verified date``, ``Health authority``,
  ``Study design``, ``Enrollment``, ``Eligibility``, ``Gender``, ``Age group``,
  ``Accepts healthy volunteers``; eligibility flattened on one line
  (``Inclusion Criteria: - A - B Exclusion Criteria: - C``);
- pipe-table rendering of the details page: ``Status | Recruiting |`` rows after
  a ``<Condition> Clinical Trial`` heading and an ``Official title:`` line;
- older layout: ``<Condition> Clinical Trial``, ``Official title:``, then the
  summary and the description run together in one block (kept whole as
  ``brief_summary`` with a ``glued_text`` issue: no boundary can be trusted).

Quirks handled: labels and values separated by one space only (the longest known
label prefix wins); empty ``Study Design`` / ``Related Conditions & MeSH terms``
blocks and empty labels (``empty_value``); ``Contact n/a``; the description's
trailing `` ;``; "See also" rows whose status has a comma (``Active, not
recruiting``), whose title holds `` - `` or a Roman-numeral phase (part of the
title), and whose trailing phase is missing, ``N/A``, ``Early Phase 1`` or
``Phase 1/Phase 2``; a page cut off inside a block or mid-row (``truncated``).

How it reads (cost): one pass over the lines. The loop itself takes the usual lines with a
few string operations each: a block's text or rows (a line whose first word opens no
label), a bare heading (one dict lookup), ``Label value`` and ``Label | value |`` with the
label typed as in LABELS (its first word picks the candidates), each value handed to one
reader per field (``_READERS``). Any other line, and every line while a label waits for
its value or the older layout's summary is expected, takes ``_line``'s full rules (label
spellings, colons, pipes, block ends). Blocks are read once closed; "See also" rows in
their usual shape without a regex; the one-line criteria go to ``split_criteria``, whose
unflattening reads plain one-line text without regexes.

Detection reads the first lines first: the logo followed by one of the site's first
headings (or a condition heading, ``Official title:`` and the details status line) is
certain. Another first line is rejected at once unless the head's first 512 characters
hold "Clinical Trial Description" or "Clinical Trial Details" (one short scan); then, as
after one of the site's headings, the site's markers are counted (over the whole page
when the head holds only one). A page that lost its top and has no such heading near
the top is not recognised.

Not done: the page gives no brief title (the site's heading is lost in the dump);
a "See also" title that itself ends in a phase ("... Study Phase 2") on a row
without a phase gives its phase to the row (the two cannot be told apart).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import _memo
from .. import _vocab as vocab
from .._builder import TrialBuilder
from .._criteria import split_criteria
from .._dates import parse_partial_date
from .._model import Age, AgeUnit, IssueCode, OverallStatus, Phase, Trial
from .._text import Page
from .._vocab import lookup, parse_age, parse_phases, parse_yes_no

ID = "inclinicaltrials"
TITLE = "inclinicaltrials.com (mirror of ClinicalTrials.gov)"
URL = "https://www.inclinicaltrials.com/"

# Source label (as printed) -> schema field or handler key. Matching is by the
# longest label prefix of a line, case-insensitive, a trailing ":" ignored.
LABELS: dict[str, str] = {
    # blocks: the heading alone on its line, the content on the following lines
    "Clinical Trial Summary": "brief_summary",
    "Clinical Trial Description": "detailed_description",
    "Description": "detailed_description",
    "Study Design": "design",
    "Related Conditions & MeSH terms": "conditions+keywords",
    "See also": "related_studies",
    # section headings of the details page: no value of their own
    "Administrative data": "section",
    "Study information": "section",
    "Recruitment information / eligibility": "section",
    # "Clinical Trial Details — Status: Recruiting" (read by _DETAILS_RE)
    "Clinical Trial Details — Status": "overall_status",
    # one "Label value" per line
    "NCT number": "nct_id",
    "Other study ID #": "secondary_ids.sponsor",
    "Secondary ID": "secondary_ids",
    "Study type": "study_type",
    "Source": "sponsor",
    "Contact": "contacts.name",
    "Phone": "contacts.phone",
    "Email": "contacts.email",
    "Status": "overall_status",
    "Phase": "phases",
    "Start date": "start_date",
    "Completion date": "completion_date",
    "First received": "first_posted_date",
    "Last updated": "last_update_date",
    "Verified date": "unparsed",
    "Health authority": "unparsed",
    "Official title": "official_title",
    "Condition": "conditions",
    "Intervention": "interventions",
    "Enrollment": "enrollment",
    "Eligibility": "eligibility.criteria",
    "Inclusion Criteria": "eligibility.criteria",
    "Exclusion Criteria": "eligibility.criteria",
    "Gender": "eligibility.sex",
    "Age group": "eligibility.ages",
    "Accepts healthy volunteers": "eligibility.healthy_volunteers",
}

# The site's own lines: logo alt text, the "See also" table header, script leftovers.
NOISE: tuple[str | re.Pattern[str], ...] = (
    "Clinical Trials Logo",
    "Status Clinical Trial Phase",
    "Loading...",
    # a markdown table rule: "| --- | --- |", "---|---|" (its first dash opens a "---")
    re.compile(r"[|: ]*---[-|: ]*"),
)

# Detection reads the top of the page first: every template of the site opens the same way,
# so a foreign page is rejected on its first line and one short scan (a substring scan of
# the whole 4 kB head costs about 1 µs; of its first 512 characters, a third of that).
# Lines as in ``page.head``: lower-cased.
_LOGO = "clinical trials logo"
# "prostate cancer adenocarcinoma clinical trial": the older templates' condition heading
_HEADING_END = " clinical trial"
# "clinical trial details — status: recruiting" (em dash; en dash and hyphen tolerated)
_DETAILS_HEAD_RE = re.compile(r"clinical trial details\s*[—–-]\s*status")
# Markers of this site, read only when the top of the page is not one of its openings:
# (text in the head, weight). One alone is not enough.
_MARKERS: tuple[tuple[str, float], ...] = (
    (_LOGO, 0.35),
    ("clinical trial summary", 0.25),
    ("clinical trial description", 0.2),
    ("related conditions & mesh terms", 0.3),
    ("status clinical trial phase", 0.35),
    ("recruitment information / eligibility", 0.2),
    ("administrative data", 0.1),
    ("inclinicaltrials", 0.5),
)
# a first line that may open a page of the site whose top is incomplete
_OPENINGS = frozenset(text for text, _ in _MARKERS[:-1])
_TOP_LINES = 3
# how far below a foreign first line the site's headings are looked for
_SCAN = 512

# "Clinical Trial Details — Status: Recruiting" (em dash; en dash and hyphen tolerated)
_DETAILS_RE = re.compile(r"Clinical Trial Details\s*[—–-]\s*Status\s*:?\s*(.*)")
# "Erectile Dysfunction Clinical Trial": the condition heading of the older templates
_CONDITION_HEADING_SUFFIX = " Clinical Trial"
# "NCT04457258" inside a "See also" row
_NCT_RE = re.compile(r"\bNCT\d{8}\b")
# the trailing phase of a "See also" row, after a space (a title comes first) -> its
# phases: " Early Phase 1", " Phase 2", " Phase 1/Phase 2", " N/A". The rows are read as
# `` (Early Phase 1|Phase [0-4](?:/Phase [0-4])?|N/A)\Z`` would: the leftmost (so the
# longest) tail wins.
_ROW_TAILS: dict[str, tuple[Phase, ...]] = {
    f" {tail}": tuple(parse_phases(tail) or ())
    for tail in (
        "Early Phase 1",
        "N/A",
        *(f"Phase {a}" for a in "01234"),
        *(f"Phase {a}/Phase {b}" for a in "01234" for b in "01234"),
    )
}
# labels are matched on the first few whitespace-separated tokens of a line
_MAX_LABEL_TOKENS = 6
_WORD_CAP = 32  # longer than any label's first word
_LABEL_END = ("", " ")  # what follows a label typed as in LABELS: the end, or a space
# keys inside a study design text: "Allocation: Randomized, Masking: None (Open Label), ..."
_DESIGN_KEYS = (
    "Allocation",
    "Intervention Model Description",
    "Intervention Model",
    "Masking Description",
    "Masking",
    "Primary Purpose",
    "Endpoint Classification",
    "Observational Model",
    "Time Perspective",
)
_DESIGN_KEY_RE = re.compile(r"\b(" + "|".join(_DESIGN_KEYS) + r")\s*:", re.I)
# the same keys on a lower-cased ASCII line ("allocation: randomized, masking: none"): a
# third of the cost of re.I, which folds the case of every character it tries
_DESIGN_KEY_LOWER_RE = re.compile(r"\b(" + "|".join(_DESIGN_KEYS).lower() + r")\s*:")
# a design key (casefolded) -> the design field it fills
_DESIGN_FIELDS: dict[str, str] = {
    "allocation": "allocation",
    "intervention model": "intervention_model",
    "primary purpose": "primary_purpose",
}
_DESIGN_TABLES: dict[str, Mapping[str, Any]] = {
    "allocation": vocab.ALLOCATION,
    "intervention_model": vocab.INTERVENTION_MODEL,
    "primary_purpose": vocab.PRIMARY_PURPOSE,
    "masking": vocab.MASKING,
}
# "Triple (Participant, Investigator, Outcomes Assessor)"
_MASKING_RE = re.compile(r"([^()]*)\(([^()]*)\)\s*")
# "50", "1,736", "100 (Estimated)"
_ENROLLMENT_RE = re.compile(r"(\d[\d,]*)\s*(?:\(([A-Za-z ]+)\))?")
# a value that says "not given" for a plain label (not for phases: there N/A is a value)
_NOT_GIVEN = frozenset({"n/a", "na", "none", "-", "not available", "not provided"})
_NOT_GIVEN_LEN = max(len(text) for text in _NOT_GIVEN)  # (a longer value is not casefolded)

_LABEL_KEYS: dict[str, str] = {label.casefold(): label for label in LABELS}


def _labels_by_word() -> dict[str, tuple[tuple[str, str], ...]]:
    """First word of a label -> (key, label) of the labels it opens, the longest first.

    No label is the first words of another (tests check it), so at most one matches.
    """
    by_word: dict[str, list[tuple[str, str]]] = {}
    for key, label in _LABEL_KEYS.items():
        by_word.setdefault(key.split()[0], []).append((key, label))
    return {
        word: tuple(sorted(keys, key=lambda kl: -len(kl[0].split())))
        for word, keys in by_word.items()
    }


_LABELS_BY_WORD = _labels_by_word()
_NOISE_TEXT = frozenset(entry for entry in NOISE if isinstance(entry, str))
_NOISE_RE = re.compile("|".join(f"(?:{e.pattern})" for e in NOISE if not isinstance(e, str)))
_BLOCKS = frozenset(
    {"brief_summary", "detailed_description", "design", "conditions+keywords", "related_studies"}
)
# blocks a complete page never ends in: a page that does was cut off
_NEVER_LAST = frozenset(
    {"brief_summary", "detailed_description", "design", "conditions+keywords", "intro"}
)
_CRITERIA_LABELS = frozenset({"Inclusion Criteria", "Exclusion Criteria"})
_DETAILS_LABEL = "Clinical Trial Details — Status"


def analyse_text(page: Page) -> float:
    head = page.head.lstrip()
    end = head.find("\n")
    first = (head if end < 0 else head[:end]).rstrip()
    heading = False
    if first == _LOGO:
        nxt = _top_lines(head, end)
        second = nxt[0] if nxt else ""
        if (
            second == "clinical trial summary"
            or _DETAILS_HEAD_RE.match(second)
            or (second.endswith(_HEADING_END) and nxt[1:2] and nxt[1].startswith("official title"))
        ):
            return 1.0  # the logo, then one of the site's first headings
    elif first.endswith(_HEADING_END):
        nxt = _top_lines(head, end)
        heading = bool(nxt) and nxt[0].startswith("official title")
        if heading and nxt[1:2] and _DETAILS_HEAD_RE.match(nxt[1]):
            return 1.0  # the details page without its logo (pipe-table rendering)
    elif first not in _OPENINGS and head.find("clinical trial d", 0, _SCAN) < 0:
        # a page whose top was lost still shows "Clinical Trial Description" (main page)
        # or "Clinical Trial Details" (details page, also its first line) near its top:
        # one bounded scan, not the 4 kB head's (~1 µs), keeps other sites' pages cheap
        return 0.0
    # an opening of the site with an unexpected sequel, or a page without its top:
    # count its markers
    found = _markers(head, heading)
    if len(found) == 1 and len(page.text) > len(head):
        # one of the site's headings, the others below a long summary: the whole page
        # is read only here, where the top already looks like the site's
        found = _markers(page.text.lower(), heading)
    if not found:
        return 0.0
    if len(found) == 1:
        # one generic-looking heading ("Clinical Trial Summary") does not make the site
        return min(found[0], 0.15)
    return min(1.0, sum(found))


def _markers(text: str, heading: bool) -> list[float]:
    """The weights of the site's markers found in a lower-cased text."""
    found = [w for marker, w in _MARKERS if marker in text]
    if _DETAILS_HEAD_RE.search(text):
        found.append(0.5)
    if heading:
        found.append(0.3)
    return found


def _top_lines(head: str, end: int) -> list[str]:
    """The non-blank lines after the first one (up to ``_TOP_LINES - 1``), stripped."""
    top: list[str] = []
    size = len(head)
    pos = size if end < 0 else end + 1
    while pos < size and len(top) < _TOP_LINES - 1:
        end = head.find("\n", pos)
        if end < 0:
            end = size
        line = head[pos:end].strip()
        if line:
            top.append(line)
        pos = end + 1
    return top


@dataclass(slots=True)
class _Block:
    kind: str  # a LABELS handler key, or "intro" (older layout's untitled text)
    label: str
    line: int
    lines: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Label:
    label: str  # canonical spelling from LABELS, or the unknown label as printed
    handler: str  # "" for an unknown label
    value: str  # from the real line, stripped
    start: int = 0  # the value's columns in the line
    end: int = 0
    pipe: bool = False


class _Parser:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.lines = page.lines
        self.norms = page.norm
        self.b = TrialBuilder(ID)
        self.block: _Block | None = None
        self.contacts: list[dict[str, Any]] = []
        self.seen_content = False
        self.condition_heading = False
        self.expect_intro = False
        self.pending_empty: tuple[str, int, str] | None = None
        self.last_line = 0
        # no block, pending label or expected intro, and not the first line: a plain
        # label line can skip the checks of ``_line``
        self.plain = False

    # --- line classification ---------------------------------------------------------
    def _match_label(self, n: int, norm: str, s: str) -> _Label | None:
        """The longest known label at the start of line ``n`` and the value after it.

        ``s`` is ``norm`` stripped (not blank).
        """
        # most lines (texts, "See also" rows) end here: their first word opens no label
        # (a first word longer than _WORD_CAP opens none either, cut or not)
        word = s[:_WORD_CAP].split(None, 1)[0]
        opened = _LABELS_BY_WORD.get(word.casefold().rstrip(":"))
        if opened is None:
            return None
        # the usual line: the label as typed, one space, the value
        for key, label in opened:
            size = len(key)
            if len(s) >= size and s[size : size + 1] in _LABEL_END and s[:size].casefold() == key:
                if s[size:].lstrip().startswith(":"):
                    break  # "Official title : X", "Status:: X": the token rules below
                lo = len(norm) - len(norm.lstrip()) + size
                return self._label(n, label, LABELS[label], lo, len(norm))
        # odd spacing or colons: compare the first tokens, the longest run first
        tokens = norm.split(None, _MAX_LABEL_TOKENS)
        reach = len(opened[0][0].split()) + 1  # a "Label :" line spans one more token
        for k in range(min(reach, len(tokens), _MAX_LABEL_TOKENS), 0, -1):
            known = _LABEL_KEYS.get(" ".join(tokens[:k]).casefold().rstrip(":").rstrip())
            if known is None:
                continue
            start = 0
            for token in tokens[:k]:
                start = norm.find(token, start) + len(token)
            colon = norm.find(":", start)
            if colon >= 0 and not norm[start:colon].strip():
                start = colon + 1  # "Official title : X"
            return self._label(n, known, LABELS[known], start, len(norm))
        return None

    def _label(
        self, n: int, label: str, handler: str, lo: int, hi: int, pipe: bool = False
    ) -> _Label:
        part = self.norms[n - 1][lo:hi]
        value = part.lstrip(" ")
        lo += len(part) - len(value)
        hi = lo + len(value.rstrip(" "))
        return _Label(label, handler, self.lines[n - 1][lo:hi], lo, hi, pipe)

    def _pipe_row(self, n: int, norm: str, s: str) -> _Label | None:
        """``Status | Recruiting |`` (also ``| Status | Recruiting |``)."""
        if not (s.endswith("|") or s.startswith("|")):
            return None
        start = len(norm) - len(norm.lstrip())
        if s.startswith("|"):
            start += 1
        first = norm.find("|", start)
        if first < 0:
            return None
        end = norm.rfind("|")
        if end <= first or norm[end + 1 :].strip():
            end = len(norm)
        label_text = self.lines[n - 1][start:first].strip()
        label = _LABEL_KEYS.get(label_text.casefold().rstrip(":").rstrip())
        if label is None:
            return self._label(n, label_text, "", first + 1, end, pipe=True)
        return self._label(n, label, LABELS[label], first + 1, end, pipe=True)

    def _ends_block(self, found: _Label | None, block: _Block, s: str) -> bool:
        """Inside a block only a bare heading, an NCT line or a table row ends it."""
        if found is None:
            return False
        if found.pipe:
            return True
        if block.kind == "design":
            # design lines are "Key: value" ("Intervention Model: ..."), other labels end it
            return _DESIGN_KEY_RE.match(s) is None
        return _structural(found)

    # --- main loop -------------------------------------------------------------------
    def run(self) -> Trial:
        b = self.b
        lines = self.lines
        same = lines is self.norms  # no odd spaces on the page: a value is cut from ``s``
        accounted = b.accounted
        noise: list[int] = []
        last = 0
        # The loop reads the usual lines itself, with a few C-level string operations each:
        # block text, a bare heading, "Label value" and "Label | value |" as LABELS types
        # the label. Everything else (and any line while a label waits for its value or
        # the older layout's untitled summary is expected) takes ``_line``'s full rules.
        for n, norm in enumerate(self.norms, start=1):
            s = norm.strip()
            if not s:
                continue
            last = n
            # a table rule holds "---": the regex runs only on such lines
            short = len(s) <= _SHORT  # (a lookup hashes the line: not a long text)
            if (short and s in _NOISE_TEXT) or ("---" in s and _NOISE_RE.fullmatch(s)):
                noise.append(n)
                continue
            block = self.block
            if block is not None and "|" not in s:
                word = s[:_WORD_CAP].split(None, 1)[0]
                if word.casefold().rstrip(":") not in _LABELS_BY_WORD or (
                    # "Intervention Model: ...": a design key, though its first word opens
                    # a label ("Intervention"), stays in the design block
                    block.kind == "design"
                    and _DESIGN_KEY_RE.match(s) is not None
                    and not s.startswith("Clinical Trial Details")
                ):
                    # a block's text, term or row: only a label or a table row ends a block
                    block.lines.append(n)
                    continue
            if self.plain and norm is s:  # (spaces around a line shift a value's columns)
                bare = _BARE.get(s) if short else None
                if bare is not None:
                    label, h = bare
                    if h in _BLOCKS:
                        if block is not None:
                            self._close_block()
                        self.block = _Block(h, label, n)
                        continue
                    if h == "section":
                        if block is not None:
                            self._close_block()
                        accounted.add(n)
                        continue
                    if block is None:  # a label without its value
                        if h == "eligibility.criteria":
                            self.pending_empty = (label, n, h)  # the criteria may follow
                            self.plain = False
                        else:
                            b.empty(label, line=n, field=_ISSUE_FIELD.get(h, h))
                        continue
                elif block is None:
                    if "|" not in s:  # "Status Recruiting"
                        found = _plain_value(s, s[:_WORD_CAP].split(None, 1)[0])
                        if found is not None:
                            label, h, value = found
                            if not same:  # the value as printed (NBSP and such kept)
                                value = lines[n - 1][len(s) - len(value) :]
                            accounted.add(n)
                            _READERS[h](self, h, value, n, label)
                            continue
                    elif s[-1] == "|" and s[0] != "|":  # "Status | Recruiting |"
                        cell = _pipe_value(s, lines[n - 1])
                        if cell is not None:
                            label, h, lo, hi = cell
                            value = s[lo:hi] if same else lines[n - 1][lo:hi]
                            accounted.add(n)
                            _READERS[h](self, h, value, n, label)
                            continue
            self._line(n, norm, s)
            self.plain = self.pending_empty is None and not self.expect_intro
        b.noise(*noise)
        self.last_line = last
        self._close_block(at_end=True)
        self._flush_pending()
        for contact in self.contacts:
            b.add("contacts", contact)
        return b.build()

    def _line(self, n: int, norm: str, s: str) -> None:
        b = self.b
        first = not self.seen_content
        self.seen_content = True
        details = _DETAILS_RE.fullmatch(s) if s.startswith("Clinical Trial Details") else None
        found = None
        if details is None:
            if "|" in s:
                found = self._pipe_row(n, norm, s)
            if found is None:
                found = self._match_label(n, norm, s)
        if self.pending_empty is not None:
            if found is not None and found.label in _CRITERIA_LABELS:
                self.pending_empty = None
            else:
                self._flush_pending()
        block = self.block
        if block is not None:
            if details is None and not self._ends_block(found, block, s):
                block.lines.append(n)
                return
            self._close_block()
        expect_intro, self.expect_intro = self.expect_intro, False
        if details is not None:
            lo = len(norm) - len(norm.lstrip()) + details.start(1)
            self._value(self._label(n, _DETAILS_LABEL, "overall_status", lo, len(norm)), n)
            return
        if first and found is None and s.endswith(_CONDITION_HEADING_SUFFIX):
            # "Erectile Dysfunction Clinical Trial": older templates' heading
            self.condition_heading = True
            self._add_unique("conditions", s[: -len(_CONDITION_HEADING_SUFFIX)].strip(), n)
            return
        if expect_intro and (found is None or not (found.pipe or _structural(found))):
            # older layout: the summary and the description run together, untitled
            self.block = _Block("intro", "Clinical Trial Summary", n, [n])
            return
        if found is None:
            b.keep(self.lines[n - 1].strip(), n)
            b.issue(IssueCode.UNKNOWN_LABEL, "line does not start with a known label", line=n)
            return
        if not found.handler:
            b.keep(found.value, n, found.label)
            b.issue(IssueCode.UNKNOWN_LABEL, f"unknown label '{found.label}'", line=n)
            return
        self._value(found, n)
        if found.label == "Official title" and self.condition_heading:
            self.expect_intro = True

    # --- blocks ----------------------------------------------------------------------
    def _close_block(self, at_end: bool = False) -> None:
        block = self.block
        self.block = None
        if block is None:
            return
        b = self.b
        if at_end and block.kind in _NEVER_LAST:
            b.issue(
                IssueCode.TRUNCATED,
                f"the page ends inside '{block.label}'",
                field=_field_of(block.kind),
                line=self.last_line,
            )
        b.use(block.line)
        if not block.lines:
            if not at_end or block.kind not in _NEVER_LAST:
                b.empty(block.label, line=block.line, field=_field_of(block.kind))
            return
        match block.kind:
            case "brief_summary" | "detailed_description" | "intro":
                self._text_block(block)
            case "design":
                for n in block.lines:
                    self._design(n, 0, len(self.lines[n - 1]))
            case "conditions+keywords":
                # one term a line (blank lines never join a block), each list set at once
                b.accounted.update(block.lines)
                pairs = [(self.lines[n - 1].strip(), n) for n in block.lines]
                terms = list(dict.fromkeys(term for term, _ in pairs))
                for path in ("conditions", "keywords"):
                    if b.get(path) is None:
                        b.set(path, terms[:], line=block.lines[0])
                    else:  # the older layout's heading gave a condition already
                        for term, n in pairs:
                            self._add_unique(path, term, n)
            case "related_studies":
                rows = self._related(block.lines, at_end=at_end)
                b.accounted.update(block.lines)
                if rows and b.get("related_studies") is None:
                    b.set("related_studies", rows)
                else:
                    b.extend("related_studies", rows)

    def _text_block(self, block: _Block) -> None:
        # the site prints each text as one line (ClinicalTrials.gov's paragraphs flattened
        # with spaces): more lines are the dump's wrapping, joined back the same way
        lines = self.lines
        if len(block.lines) == 1:
            text = lines[block.lines[0] - 1].strip()
        else:
            text = " ".join(lines[n - 1].strip() for n in block.lines)
        path = "brief_summary" if block.kind == "intro" else block.kind
        if block.kind == "detailed_description":
            text = _drop_trailing_semicolon(text)
        self.b.set(path, text, line=block.lines[0], label=block.label)
        self.b.accounted.update(block.lines)
        if block.kind == "intro":
            self.b.issue(
                IssueCode.GLUED_TEXT,
                "summary and description run together in this layout; kept whole as brief_summary",
                field="brief_summary",
                line=block.lines[0],
            )

    # --- one label and its value -----------------------------------------------------
    def _value(self, found: _Label, n: int) -> None:
        b = self.b
        h, label, value = found.handler, found.label, found.value
        if h in _BLOCKS:
            if value:
                self._inline_block(found, n)
            else:
                self.block = _Block(h, label, n)
            return
        if h == "section":
            b.use(n)
            if value:
                b.keep(value, n, label)
            return
        if label in _CRITERIA_LABELS:
            self._criteria(self.lines[n - 1].strip(), n)
            return
        if not value:
            if h == "eligibility.criteria":
                self.pending_empty = (label, n, h)  # the criteria may follow on the next line
            else:
                b.empty(label, line=n, field=_field_of(h))
            return
        if h != "phases" and value.casefold() in _NOT_GIVEN:
            b.use(n)
            b.issue(IssueCode.EMPTY_VALUE, f"'{label}' is '{value}'", field=_field_of(h), line=n)
            return
        b.accounted.add(n)  # every reader uses or keeps its line
        _READERS.get(h, _Parser._read_keep)(self, h, value, n, label)

    def _inline_block(self, found: _Label, n: int) -> None:
        b = self.b
        h, label, value = found.handler, found.label, found.value
        if h == "brief_summary":
            b.set("brief_summary", value, line=n, label=label)
        elif h == "detailed_description":
            b.set("detailed_description", _drop_trailing_semicolon(value), line=n, label=label)
        elif h == "design":
            self._design(n, found.start, found.end)
        elif h == "conditions+keywords":
            self._add_unique("conditions", value, n)
            self._add_unique("keywords", value, n)
        else:  # "See also" with text after it on the same line
            b.keep(value, n, label)

    def _flush_pending(self) -> None:
        if self.pending_empty is not None:
            label, n, h = self.pending_empty
            self.pending_empty = None
            self.b.empty(label, line=n, field=_field_of(h))

    # --- readers: one per handler, called as reader(self, handler, value, line, label) --
    def _read_id(self, h: str, value: str, n: int, label: str) -> None:
        if h == "nct_id":
            if (
                len(value) == 11
                and value.startswith("NCT")
                and value.isascii()
                and value[3:].isdigit()
                and self.b.data.get("nct_id") is None
            ):
                self.b.data["nct_id"] = value  # what set_id does with a canonical NCT id
            else:
                self.b.set_id(value, expect="NCT", line=n, label=label)
        else:
            kind = "SPONSOR" if h == "secondary_ids.sponsor" else "OTHER"
            self.b.set_id(value, line=n, label=label, secondary_type=kind)

    def _read_enum(self, h: str, value: str, n: int, label: str) -> None:
        found = lookup(_ENUM_TABLES[h], value)
        if found is None:
            self.b.unmapped(h, value, line=n, label=label)
        elif "." in h:
            self.b.set(h, found, line=n, label=label, raw=value)
        else:
            self.b.put(h, found, n, label, value)

    def _read_phases(self, h: str, value: str, n: int, label: str) -> None:
        phases = parse_phases(value)
        if phases is not None and self.b.data.get("phases") is None:
            self.b.data["phases"] = phases  # what map_phases would do
        else:  # not a phase (kept with its issue), or a second phase line
            self.b.map_phases(value, line=n, label=label)

    def _read_text(self, h: str, value: str, n: int, label: str) -> None:
        if value.isspace():  # "Official title \t": b.set sets no blank text
            self.b.set(h, value, line=n, label=label)
        else:
            self.b.put(h, value, n, label)
        if h == "official_title" and self.condition_heading:
            self.expect_intro = True  # older layout: the untitled summary follows
            self.plain = False

    def _read_sponsor(self, h: str, value: str, n: int, label: str) -> None:
        self.b.put("sponsor", {"name": value}, n, label)

    def _read_contact(self, h: str, value: str, n: int, label: str) -> None:
        self._contact(h[9:], value, n)  # "contacts.phone" -> "phone"

    def _read_date(self, h: str, value: str, n: int, label: str) -> None:
        date = _DATES[value]
        if date is None:
            self.b.issue(
                IssueCode.INVALID_DATE, f"'{value.strip()}' is not a date", field=h, line=n
            )
            self.b.keep(value, n, label)
        else:
            self.b.put(h, date, n, label, value)

    def _read_condition(self, h: str, value: str, n: int, label: str) -> None:
        self._add_unique("conditions", value, n)

    def _read_intervention(self, h: str, value: str, n: int, label: str) -> None:
        self._intervention(value, n, label)

    def _read_enrollment(self, h: str, value: str, n: int, label: str) -> None:
        self._enrollment(value, n, label)

    def _read_criteria(self, h: str, value: str, n: int, label: str) -> None:
        self._criteria(value, n)

    def _read_ages(self, h: str, value: str, n: int, label: str) -> None:
        self._ages(value, n, label)

    def _read_yes_no(self, h: str, value: str, n: int, label: str) -> None:
        yes = parse_yes_no(value)
        if yes is None:
            self.b.unmapped(h, value, line=n, label=label)
        else:
            self.b.set(h, yes, line=n, label=label)

    def _read_keep(self, h: str, value: str, n: int, label: str) -> None:
        self.b.keep(value, n, label)

    # --- field helpers ---------------------------------------------------------------
    def _unmapped(self, path: str, raw: str, n: int, label: str) -> None:
        self.b.unmapped(path, raw, line=n, label=label)

    def _add_unique(self, path: str, value: str, n: int) -> None:
        """Append to a top-level list field unless the value is there already."""
        self.b.accounted.add(n)
        if not value:
            return
        current = self.b.data.get(path)
        if current is None:
            self.b.data[path] = [value]
        elif value not in current:
            current.append(value)

    def _contact(self, part: str, value: str, n: int) -> None:
        if not self.contacts or (part == "name" and self.contacts[-1].get("name")):
            self.contacts.append({"role": lookup(vocab.ROLE, "Contact")})
        contact = self.contacts[-1]
        if contact.get(part) is None:
            contact[part] = value
            self.b.use(n)
        else:  # a second phone or email for the same contact
            self.b.issue(
                IssueCode.DUPLICATE_LABEL,
                f"contact {part} given twice; the first is kept",
                field=f"contacts.{part}",
                line=n,
            )
            self.b.keep(value, n, part.capitalize())

    def _intervention(self, value: str, n: int, label: str) -> None:
        """``Device: placebo BEMER``: the type, then the name."""
        kind_raw, sep, name = value.partition(":")
        kind = lookup(vocab.INTERVENTION_TYPE, kind_raw) if sep else None
        if kind is None or not name.strip():
            if sep and name.strip():
                self._unmapped("interventions.type", kind_raw, n, label)
            entry = {"type": None, "name": value}
        else:
            entry = {"type": kind, "name": name.strip()}
        self.b.accounted.add(n)
        self.b.data.setdefault("interventions", []).append(entry)

    def _enrollment(self, value: str, n: int, label: str) -> None:
        m = _ENROLLMENT_RE.fullmatch(value)
        if m is None or not m.group(1).replace(",", "").isdigit():
            self.b.invalid(
                value,
                f"'{value}' is not a participant count",
                field="enrollment",
                line=n,
                label=label,
            )
            return
        entry: dict[str, Any] = {"count": int(m.group(1).replace(",", ""))}
        if m.group(2):
            kind = lookup(vocab.ENROLLMENT_TYPE, m.group(2))
            if kind is None:
                self._unmapped("enrollment.type", m.group(2), n, label)
            entry["type"] = kind
        self.b.set("enrollment", entry, line=n, label=label)

    def _ages(self, value: str, n: int, label: str) -> None:
        """``18 Years - 40 Years``, ``N/A - 75 Years``, ``18 Years - N/A``."""
        ages = _AGES[value]
        if ages is None:
            self._unmapped("eligibility.minimum_age", value, n, label)
            return
        for path, age in zip(("minimum_age", "maximum_age"), ages, strict=True):
            if age is None:
                continue
            node = self.b.data.setdefault("eligibility", {})
            new = {"value": age[0], "unit": age[1]}  # each Trial its own (Age is mutable)
            old = node.get(path)
            if old is None:
                node[path] = new
            elif old != new:  # what b.set keeps: the Age as it prints
                raw = str(Age(value=age[0], unit=age[1]))
                self.b.set(f"eligibility.{path}", new, line=n, label=label, raw=raw)

    def _criteria(self, text: str, n: int) -> None:
        """``Inclusion Criteria: - A - B Exclusion Criteria: - C`` -> two lists."""
        b = self.b
        b.accounted.add(n)
        if not text or text.isspace():
            return  # (b.set sets no blank text)
        node = b.data.setdefault("eligibility", {})
        old = node.get("criteria")
        if old is None:
            node["criteria"] = text
        elif old != text:
            b.set("eligibility.criteria", text, line=n, label="Eligibility")  # the conflict
            return
        inclusion, exclusion = split_criteria(text)
        if inclusion:
            node.setdefault("inclusion", []).extend(inclusion)
        if exclusion:
            node.setdefault("exclusion", []).extend(exclusion)

    def _design(self, n: int, lo: int, hi: int) -> None:
        """``Allocation: Randomized, Masking: Triple (Participant, Investigator), ...``."""
        b = self.b
        b.use(n)
        raw = self.lines[n - 1]
        norm = self.norms[n - 1]
        if norm.isascii():
            keys = list(_DESIGN_KEY_LOWER_RE.finditer(norm.lower(), lo, hi))
        else:
            keys = list(_DESIGN_KEY_RE.finditer(norm, lo, hi))
        if not keys:
            b.keep(raw[lo:hi].strip(), n, "Study Design")
            return
        lead = raw[lo : keys[0].start()].strip(" ,;")
        if lead:
            b.keep(lead, n, "Study Design")
        for m, nxt in zip(keys, [*keys[1:], None], strict=True):
            stop = nxt.start() if nxt is not None else hi
            key = norm[m.start(1) : m.end(1)]  # as printed (the match may be lower-cased)
            name = key.casefold()
            value = raw[m.end() : stop].strip(" ,;")
            if not value:
                b.empty(key, line=n, field="design")
            elif name in _DESIGN_FIELDS:
                self._design_enum(_DESIGN_FIELDS[name], value, n, key)
            elif name == "masking":
                self._masking(value, n)
            else:  # no schema field: observational model, time perspective, descriptions
                b.keep(raw[m.start() : stop].strip(" ,;"), n, "Study Design")

    def _design_enum(self, leaf: str, raw: str, n: int, label: str) -> None:
        """``b.map_enum("design.<leaf>", ...)``: a first value is written straight in."""
        value = lookup(_DESIGN_TABLES[leaf], raw)
        if value is None:
            self.b.unmapped(f"design.{leaf}", raw, line=n, label=label)
            return
        node = self.b.data.setdefault("design", {})
        if node.get(leaf) is None:
            node[leaf] = value  # (the line is accounted)
        else:
            self.b.set(f"design.{leaf}", value, line=n, label=label, raw=raw)

    def _masking(self, value: str, n: int) -> None:
        """``None (Open Label)``, ``Triple (Participant, Investigator, Outcomes Assessor)``."""
        if lookup(vocab.MASKING, value) is not None:
            self._design_enum("masking", value, n, "Masking")
            return
        m = _MASKING_RE.fullmatch(value)
        if m is None:
            self._design_enum("masking", value, n, "Masking")
            return
        self._design_enum("masking", m.group(1).strip(), n, "Masking")
        for who in m.group(2).split(","):
            who = who.strip()
            if not who:
                continue
            found = lookup(vocab.WHO_MASKED, who)
            if found is None:
                self.b.unmapped("design.who_masked", who, line=n, label="Masking")
                continue
            items = self.b.data.setdefault("design", {}).setdefault("who_masked", [])
            if found not in items:
                items.append(found)

    def _related(self, rows: list[int], *, at_end: bool) -> list[dict[str, Any]]:
        """``Active, not recruiting NCT04383210 - <Title> Phase 2`` rows, in one loop.

        The title's end may hold the row's phase (a phase inside the title stays); a row
        without an NCT number is kept in ``unparsed``.
        """
        out: list[dict[str, Any]] = []
        lines = self.lines
        for n in rows:
            raw = lines[n - 1].strip()
            # the usual row: its first "NCT" is the number, between spaces; others ask
            # the regex (which also finds a number after a first, false "NCT")
            at = raw.find("NCT")
            end = at + 11
            if not (
                at >= 0
                and (at == 0 or raw[at - 1] == " ")
                and (end == len(raw) or raw[end : end + 1] == " ")
                and raw[at + 3 : end].isdecimal()  # as \d: Unicode decimal digits
            ):
                m = _NCT_RE.search(raw)
                if m is None:
                    self._bad_row(raw, n, at_end=at_end and n == self.last_line)
                    continue
                at, end = m.span()
            status_raw = raw[:at].strip()
            status = None
            if status_raw:
                status = _ROW_STATUS[status_raw]
                if status is None:
                    self._unmapped("related_studies.overall_status", status_raw, n, "See also")
            if raw[end : end + 3] == " - " and not raw[end + 3 : end + 4].isspace():
                rest = raw[end + 3 :]  # the usual " - Title" (the row is stripped)
            else:
                rest = raw[end:].strip()
                if rest.startswith("-"):
                    rest = rest[1:].strip()
            # the tail: " Phase 2", " Early Phase 1" and " Phase 1/Phase 2" end in a digit
            # (the two first after " Phase "), " N/A" in "A"; the longest tail wins
            phases: list[Any] = []
            last = rest[-1:]
            if last == "A":
                sizes: tuple[int, ...] = (4,)
            elif last and last in "01234":
                before = rest[-8:-1]
                sizes = (16,) if before == "/Phase " else (14, 8) if before == " Phase " else ()
            else:
                sizes = ()
            for size in sizes:
                found = _ROW_TAILS.get(rest[-size:])
                if found is not None:
                    phases = list(found)
                    rest = rest[:-size].rstrip()
                    break
            out.append(
                {
                    "nct_id": raw[at:end],
                    "title": rest or None,
                    "overall_status": status,
                    "phases": phases,
                }
            )
        return out

    def _bad_row(self, raw: str, n: int, *, at_end: bool) -> None:
        b = self.b
        if at_end:
            b.issue(
                IssueCode.TRUNCATED,
                "the page ends inside a 'See also' row",
                field="related_studies",
                line=n,
            )
        else:
            b.issue(
                IssueCode.INVALID_VALUE,
                "'See also' row without an NCT number",
                field="related_studies",
                line=n,
            )
        b.keep(raw, n, "See also")


# --- eligibility -------------------------------------------------------------------------
_AgeBounds = tuple[tuple[int | float, AgeUnit] | None, tuple[int | float, AgeUnit] | None]


def _read_ages(value: str) -> _AgeBounds | None:
    """The two bounds of an age group, None where a bound is open; None if unreadable."""
    lo_raw, sep, hi_raw = value.partition(" - ")
    parts = (lo_raw, hi_raw) if sep else (lo_raw, "N/A")
    ages = [parse_age(p) for p in parts]
    if any(a is None and not vocab.is_no_age_limit(p) for a, p in zip(ages, parts, strict=True)):
        return None
    lo, hi = ((a.value, a.unit) if a is not None else None for a in ages)
    return lo, hi


def _drop_trailing_semicolon(text: str) -> str:
    """The site ends descriptions with `` ;``."""
    stripped = text.rstrip()
    if stripped.endswith(" ;"):
        return stripped[:-2].rstrip()
    return stripped


def _structural(found: _Label) -> bool:
    """A bare block or section heading, or an NCT line: what ends a text block."""
    if found.handler in _BLOCKS or found.handler == "section":
        return not found.value
    # the label section always opens with "NCT number", whatever its value (even malformed)
    return found.handler == "nct_id"


_ISSUE_FIELD: dict[str, str | None] = {
    "intro": "brief_summary",
    "conditions+keywords": "conditions",
    "secondary_ids.sponsor": "secondary_ids",
    "eligibility.ages": "eligibility.minimum_age",
    "section": None,
    "unparsed": None,
}


def _field_of(handler: str) -> str | None:
    return _ISSUE_FIELD.get(handler, handler)


# handler key (LABELS) -> its reader, called as reader(parser, handler, value, line,
# label) with the line already accounted; the value as printed, spaces around it cut
_Reader = Callable[[_Parser, str, str, int, str], None]
_READERS: dict[str, _Reader] = {
    "nct_id": _Parser._read_id,
    "secondary_ids.sponsor": _Parser._read_id,
    "secondary_ids": _Parser._read_id,
    "study_type": _Parser._read_enum,
    "overall_status": _Parser._read_enum,
    "eligibility.sex": _Parser._read_enum,
    "phases": _Parser._read_phases,
    "sponsor": _Parser._read_sponsor,
    "contacts.name": _Parser._read_contact,
    "contacts.phone": _Parser._read_contact,
    "contacts.email": _Parser._read_contact,
    "start_date": _Parser._read_date,
    "completion_date": _Parser._read_date,
    "first_posted_date": _Parser._read_date,
    "last_update_date": _Parser._read_date,
    "official_title": _Parser._read_text,
    "conditions": _Parser._read_condition,
    "interventions": _Parser._read_intervention,
    "enrollment": _Parser._read_enrollment,
    "eligibility.criteria": _Parser._read_criteria,
    "eligibility.ages": _Parser._read_ages,
    "eligibility.healthy_volunteers": _Parser._read_yes_no,
    "unparsed": _Parser._read_keep,
}
_ENUM_TABLES: dict[str, Mapping[str, Any]] = {
    "study_type": vocab.STUDY_TYPE,
    "overall_status": vocab.STATUS,
    "eligibility.sex": vocab.SEX,
}


def _plain_by_word() -> dict[str, tuple[tuple[str, int, str], ...]]:
    """First word of a label as LABELS types it -> (label, length, handler) of the labels
    whose value a reader takes as it is: not blocks, sections, criteria headings, the
    details status line (their shapes are ``_line``'s)."""
    by_word: dict[str, list[tuple[str, int, str]]] = {}
    for label, h in LABELS.items():
        if h in _READERS and label not in _CRITERIA_LABELS and label != _DETAILS_LABEL:
            by_word.setdefault(label.split()[0], []).append((label, len(label), h))
    return {word: tuple(labels) for word, labels in by_word.items()}


_PLAIN_BY_WORD = _plain_by_word()
# a plain label as LABELS types it -> (label, handler)
_PLAIN_LABELS = {
    label: (label, h) for entries in _PLAIN_BY_WORD.values() for label, _, h in entries
}
# a bare label line as LABELS types it, with or without its colon -> (label, handler): a
# block heading, a section heading, or a plain label without its value ("Official title"
# left out: it announces the older layout's summary)
_BARE = {
    spelling: (label, h)
    for label, h in LABELS.items()
    if (h in _BLOCKS or h == "section" or label in _PLAIN_LABELS) and label != "Official title"
    for spelling in (label, label + ":")
}

# as long as the longest noise text or bare label: a longer line is neither
_SHORT = max(len(text) for text in (*_NOISE_TEXT, *_BARE))


def _plain_value(s: str, word: str) -> tuple[str, str, str] | None:
    """``Status Recruiting``, ``Official title: X``: (label, handler, value: the end of
    ``s``) when the label is typed as in LABELS, a space or ": " follows, and a reader
    takes the value as it is; else None."""
    for label, size, h in _PLAIN_BY_WORD.get(word, ()):
        if not s.startswith(label):
            continue
        rest = s[size:]
        if rest[:2] == ": ":  # as the token rules read it, unless a second colon follows
            colon = rest.find(":", 1)
            if colon >= 0 and not rest[1:colon].strip():  # "Label: : X"
                return None
            rest = rest[1:]
        value = rest.lstrip(" ")
        if (
            value is rest  # "Statuses", "Status:X", or no value (an empty_value)
            or value.lstrip().startswith(":")  # "Status : X": the token rules
            or (len(value) <= _NOT_GIVEN_LEN and h != "phases" and value.casefold() in _NOT_GIVEN)
        ):
            return None
        return label, h, value
    return None


def _pipe_value(s: str, line: str) -> tuple[str, str, int, int] | None:
    """``Status | Recruiting |`` (``s`` stripped, ends in "|"): as ``_plain_value``."""
    first = s.find("|")
    end = len(s) - 1
    if end <= first:
        return None
    found = _PLAIN_LABELS.get(line[:first].strip())
    if found is None:
        return None
    part = s[first + 1 : end]
    value = part.strip(" ")
    if (
        not value
        or value.isspace()
        or (
            len(value) <= _NOT_GIVEN_LEN and found[1] != "phases" and value.casefold() in _NOT_GIVEN
        )
    ):
        return None
    lo = first + 1 + len(part) - len(part.lstrip(" "))
    return found[0], found[1], lo, lo + len(value)


# value as printed -> the date it reads as (PartialDate is immutable: safe to share)
_MEMO_LIMIT = 2048
_DATES = _memo.memo("inclinicaltrials dates", _MEMO_LIMIT, parse_partial_date)
# a "See also" row's status as printed -> its status (None: not a known spelling)
_ROW_STATUS: _memo.Memo[str, OverallStatus | None] = _memo.memo(
    "inclinicaltrials row statuses", _MEMO_LIMIT, lambda raw: lookup(vocab.STATUS, raw)
)
# an age group as printed -> its bounds (see _read_ages)
_AGES = _memo.memo("inclinicaltrials ages", _MEMO_LIMIT, _read_ages)


def extract(page: Page) -> Trial:
    return _Parser(page).run()
