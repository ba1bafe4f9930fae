"""Build a synthetic notices repository with ``git fast-import``.

The repository imitates an Open Terms Archive "versions" repository at the scale of the
largest real archives (``../shared/reference/PERFORMANCE-FACTS.md`` and ``FACTS.md``):
about 42,600 commits over 880 Markdown documents laid out as
``<Service>/<Document type>.md``, one document changed per commit, about 1.9 GB of text
over all revisions (about 1.2 GB counted once), median blob about 25 KB, a few
documents near 1 MB with single lines of 65,000+ characters.

How it is built, and why it is fast:

* Every document's revisions are generated one document at a time, by small edits on a
  list of paragraphs (never regenerating a whole document), from a precomputed
  vocabulary and a ``random.Random`` seeded per document, so a run is reproducible.
* Each document's blobs are streamed to one ``git fast-import`` process back to back,
  most recently committed first, so fast-import stores each as a delta against another
  revision of the same document (it deltas against the last blob it received). The
  commits, which interleave the documents in time, follow once every blob has been
  sent; they refer to the blobs by mark. Revisions that return to an earlier text (real
  archives flip-flop between two versions of a page) reuse that blob's mark.
* A final ``git repack -adf --depth=10`` lays the pack out as a real clone's, so that
  the raw-git baseline costs what it costs on the real archive (see ``Importer.flush``
  and ``bench/README.md``).
* fast-import runs no hooks; ``git init --template=`` creates none; git's system and
  global configuration are switched off for every git call made here.

Run ``python bench/make_repo.py --help`` for the options and ``bench/README.md`` for
what the repository contains.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO

# --------------------------------------------------------------------------------------
# Scale of the largest real archive (scale 1.0)
# --------------------------------------------------------------------------------------

REAL_COMMITS = 42_600
REAL_DOCUMENTS = 880
#: 1.9 GB over 42,600 revisions.
MEAN_REVISION_BYTES = 44_600
#: Bytes written per planned character: UTF-8 (curly quotes, accents) and the drift of
#: edits around a document's planned size (measured: 1.97 GB written for 1.9 G planned).
BYTES_PER_PLANNED_CHAR = 1.035
#: Median size of a document (characters); sizes are log-normal around it, with the
#: spread that brings the total over all revisions to ``MEAN_REVISION_BYTES`` each.
MEDIAN_DOCUMENT_CHARS = 25_000
MIN_CHARS = 1_500
NORMAL_MAX_CHARS = 700_000
#: Documents with this many revisions (flip-flopping pages) stay under HEAVY_MAX_CHARS.
HEAVY_REVISIONS = 300
HEAVY_MAX_CHARS = 120_000
#: Revisions per document are log-normal: median 10, mean about 48, a few over 2,000.
REVISIONS_SIGMA = 1.78
#: Cap on a document's revision weight (about 2,500 revisions at scale 1.0).
MAX_WEIGHT = 260.0
#: Documents near 1 MB at scale 1.0 (at least one whenever there are 10+ documents).
HUGE_DOCUMENTS = 4
HUGE_CHARS = (900_000, 990_000)
HUGE_MAX_CHARS = 1_000_000
#: A single line this long is put in every huge document.
LONG_LINE_CHARS = 65_000

#: Share of "Record new changes" commits that return to an earlier text, for documents
#: with many revisions (flip-flopping pages) and for the others. Tuned so that about 40%
#: of revisions reuse a blob, as in the real archive (25,750 distinct of 42,600).
FLAP_HEAVY = 0.46
FLAP_LIGHT = 0.15
FLAP_HEAVY_MIN_REVISIONS = 50
#: Share of commits that are "Apply technical or declaration upgrade".
TECHNICAL_SHARE = 0.05
#: Share of documents that carry an effective-date line (survey of real notices: 61%).
DATED_SHARE = 0.61
#: Share of documents deleted / renamed or moved at some point.
DELETED_SHARE = 0.02
RENAMED_SHARE = 0.015

TIMELINE_START = datetime(2020, 3, 2, tzinfo=UTC).timestamp()
TIMELINE_END = datetime(2026, 7, 31, tzinfo=UTC).timestamp()

#: Final ``git repack -adf`` settings. pack-objects builds delta trees, so the newest
#: blobs are whole or shallow and flip-flopping versions share bases. Its default depth
#: of 50 makes long linear chains out of the synthetic revisions (reading every blob then
#: takes about 3x the real archive's time); a depth of 10 gives chains like the real
#: corpus's (max 19, mostly under 10) and reading times like the measured ones.
REPACK_DEPTH = 10
REPACK_WINDOW = 10

BOT = b"Open Terms Archive Bot <bot@opentermsarchive.org>"
HUMAN = b"Clara Martin <clara.martin@example.org>"
DEFAULT_SEED = 20231209

# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------

# fmt: off

SERVICES = [
    "AliExpress", "App Store", "Bing", "Booking.com", "Brightloop", "Cdiscount",
    "Deezer", "Doctolib", "Facebook", "Google Maps", "Google Play", "Google Shopping",
    "Instagram", "LinkedIn", "Le Bon Coin", "Marks & Spencer", "Mercado Libre",
    "Müller Drogerie", "Nimbus Pay", "Ørsted Energi", "Pinterest", "Rakuten",
    "Snapchat", "Société Générale", "Shein", "Stripchat", "Telegram", "Temu", "TikTok",
    "WhatsApp", "X", "YouTube", "Zalando", "Zoë Health", "AT&T", "Çiçek Sepeti",
    "Wikipedia", "Vinted", "Blablacar", "Qwant", "Ecosia", "Spotify", "Discord",
    "Twitch", "Reddit", "Quora", "Tumblr", "Vimeo", "Dailymotion", "Etsy",
]
SYLLABLES = [
    "al", "bra", "cor", "da", "el", "fin", "gro", "hel", "io", "jun", "ka", "lu", "mer",
    "no", "or", "pa", "qui", "ro", "sen", "ta", "ul", "vo", "wex", "xy", "zen", "ké",
    "lö", "ña", "brü",
]
SERVICE_SUFFIXES = [
    "", "", "", " Cloud", " Pay", " Maps", " Health", " Music", " Labs", " Market",
    " Connect", " Store", " Médias", " & Co", " Travel", " Go",
]
DOCUMENT_TYPES = [
    "Privacy Policy", "Terms of Service", "Trackers Policy", "Community Guidelines",
    "Copyright Claims Policy", "Developer Terms", "Commercial Terms",
    "Acceptable Use Policy", "Law Enforcement Guidelines", "Data Processor Agreement",
    "Brand Guidelines", "Imprint", "Accessibility Statement", "Complaints Policy",
    "Review Guidelines", "Ranking Parameters Description", "Platform to Business Notice",
    "Marketplace Sellers Conditions", "Content Monetisation Policy",
    "In-App Purchases Policy", "General Conditions of Sale", "Affiliate Agreement",
    "Human Rights Policy", "Restricted Use Policy", "Editorial Policy",
    "Quality Guidelines", "Terms of Use", "Business Privacy Policy",
    "Vulnerability Disclosure Policy", "Deceased User Policy", "Live Policy",
    "Parental Controls", "Seller Warranty", "Conditions of Carriage",
    "Closed Captioning Policy", "Single Sign-On Policy", "Shipping & Returns Policy",
    "Privacy Notice for Air-Gapped Workspaces",
]
PRIVACY_TYPES = {
    "Privacy Policy", "Trackers Policy", "Data Processor Agreement",
    "Business Privacy Policy", "Privacy Notice for Air-Gapped Workspaces",
    "Parental Controls",
}
RENAMED_TYPES = {
    "Terms of Service": "Terms",
    "Privacy Policy": "Privacy Notice",
    "Trackers Policy": "Cookies Policy",
    "Community Guidelines": "Community Standards",
    "Developer Terms": "Developer Agreement",
    "Commercial Terms": "Business Terms",
}

SUBJECTS = [
    "We", "We", "We", "We and our affiliates", "Our service providers", "{svc}",
    "Our partners", "Advertising partners", "The Services",
]
VERBS = [
    "collect", "may collect", "process", "use", "store", "may share", "retain",
    "disclose", "receive", "analyse", "combine", "may use", "automatically collect",
]
DATA = [
    "your account data", "usage data", "device identifiers", "your IP address",
    "precise location data", "approximate location", "contact information",
    "payment information", "information about how you interact with the Services",
    "cookies and similar technologies", "log files", "the content you upload",
    "biometric identifiers", "inferences about your interests", "purchase history",
    "customer support communications", "browser type and language",
    "information from third parties", "your profile information", "crash reports",
    "the messages you send", "data about your contacts", "personal data of children",
    "advertising identifiers", "information you provide to us",
]
PURPOSES = [
    "to provide and improve the Services", "to personalise your experience",
    "to comply with legal obligations", "to detect, prevent and investigate fraud",
    "for analytics and measurement", "to show you relevant advertising",
    "to communicate with you about updates", "to enforce our Terms",
    "for research and development", "to keep the Services safe and secure",
    "to process your payments", "to respond to your requests",
    "to train and improve our models", "to measure the effectiveness of ads",
]
QUALIFIERS = [
    "where permitted by applicable law", "with your consent",
    "in accordance with this Privacy Policy",
    "for the retention period described below",
    "unless a longer retention period is required by law",
    "subject to appropriate safeguards", "as described in our Cookie Policy",
    "only for as long as necessary", "in line with the GDPR and the UK GDPR",
    "under Art.\u00a06(1)(f) GDPR", "in compliance with the CCPA",
    "as required by the Loi Informatique et Libertés",
    "on the basis of our legitimate interests", "where you have opted in",
]
PRIVACY_SENTENCES = [
    "{S} {V} {D} {P}.",
    "{S} {V} {D} {P}, {Q}.",
    "{S} {V} {D} and {D2} {P}.",
    "We retain {D} for as long as necessary {P}, {Q}.",
    "The retention period for {D} depends on the purpose for which we collect it.",
    "You can manage {D} in your account settings at any time.",
    "We do not knowingly collect personal information from children under {age}.",
    "If you are under the age of {age}, you may not use the Services without the "
    "consent of a parent or guardian.",
    "Cookies are small text files that are placed on your device when you visit a "
    "website.",
    "We use cookies and similar technologies {P}.",
    "You can refuse or delete cookies through your browser settings, but some "
    "features may not work.",
    "You have the right to access, correct, delete or port {D}, {Q}.",
    "We may transfer {D} to countries outside the European Economic Area, {Q}.",
    "Third parties that receive {D} are bound by contractual obligations of "
    "confidentiality.",
    "Our partners’ use of {D} is governed by their own privacy policies.",
    "We’ll notify you before we make material changes to this policy.",
    "For more information, see “{H}”.",
    "To exercise your rights, contact our Data Protection Officer at "
    "[privacy@{dom}](mailto:privacy@{dom}).",
    "Read our [Cookie Policy](https://{dom}/legal/cookies) to learn more.",
    "We do not sell {D} to third parties.",
    "Usage data helps us understand how people use the Services {P}.",
    "Where we rely on your consent, you can withdraw it at any time.",
    "You may lodge a complaint with your local supervisory authority, such as the "
    "CNIL (Commission nationale de l’informatique et des libertés).",
    "We keep {D} secure using encryption, access controls and regular audits.",
]
TERMS_SENTENCES = [
    "By accessing or using the Services, you agree to be bound by these Terms.",
    "This Agreement begins on the Effective Date and continues until terminated by "
    "either party.",
    "{svc} reserves the right to modify these Terms at any time.",
    "You agree not to {X}.",
    "You must not {X}, and you must not help anyone else do so.",
    "IN NO EVENT SHALL {SVC} BE LIABLE FOR ANY INDIRECT, INCIDENTAL, SPECIAL OR "
    "CONSEQUENTIAL DAMAGES.",
    "THE SERVICES ARE PROVIDED “AS IS” AND “AS AVAILABLE” WITHOUT WARRANTIES OF ANY "
    "KIND.",
    "These Terms are governed by the laws of {law}.",
    "Any dispute arising out of these Terms will be resolved by binding arbitration.",
    "We may suspend or terminate your account if you breach these Terms.",
    "You retain ownership of the content you submit, but you grant us a worldwide, "
    "royalty-free licence to use it.",
    "Fees are payable in advance and are non-refundable except as required by law.",
    "Sellers must provide accurate information about the goods they list.",
    "If any provision of these Terms is held unenforceable, the remaining provisions "
    "remain in effect.",
    "Notices to {svc} must be sent to the address in the “{H}” section.",
    "You are responsible for all activity that occurs under your account.",
    "We may update the Services, including by adding or removing features.",
    "Our [Community Guidelines](https://{dom}/community) also apply to your use of the "
    "Services.",
    "Nothing in these Terms limits your rights as a consumer under mandatory law.",
]
PROHIBITED = [
    "reverse engineer the Services", "scrape data without permission",
    "post content that infringes intellectual property rights",
    "impersonate another person", "distribute malware",
    "use the Services for unlawful purposes", "harass or bully other users",
    "create accounts by automated means", "resell access to the Services",
    "circumvent technical protection measures",
]
LAWS = [
    "the State of California", "England and Wales", "Ireland", "France",
    "the Grand Duchy of Luxembourg", "Singapore", "the Netherlands", "Germany",
]
PRIVACY_HEADINGS = [
    "Information We Collect", "How We Use Your Information", "Cookies and Similar "
    "Technologies", "Retention Period", "Children’s Privacy", "Third Parties",
    "Your Rights", "International Transfers", "Security", "Changes to This Policy",
    "Contact Us", "Data Categories", "Legal Basis for Processing",
    "California Residents", "Do Not Track", "Information We Share",
    "How Long We Keep Your Information", "Usage Data", "Data Collection and Usage",
    "Advertising and Analytics", "Your Choices", "Data Protection Officer",
    "Visitors from the European Economic Area and UK", "Notice Amendments",
]
TERMS_HEADINGS = [
    "Acceptance of Terms", "Eligibility", "Your Account", "User Content",
    "Prohibited Conduct", "Termination", "Disclaimers", "Limitation of Liability",
    "Governing Law", "Dispute Resolution", "Arbitration", "Fees and Payments",
    "Intellectual Property", "Changes to These Terms", "Definitions", "Indemnity",
    "Third-Party Services", "Seller Obligations", "Miscellaneous", "Notices",
]
CATEGORIES = [
    ("Account Data", "Information such as usernames, email addresses, or passwords."),
    ("Usage Data", "Details on how users interact with the software."),
    ("App Data", "Information about applications or services operating within the "
     "environment."),
    ("User Content", "Any content created or uploaded by users."),
    ("Tracking or Cookies", "Identifiers set by cookies, pixels and similar "
     "technologies."),
    ("Location Data", "Precise or approximate location derived from GPS, Wi-Fi or IP "
     "address."),
    ("Device Data", "Hardware model, operating system, browser type and device "
     "identifiers."),
    ("Payment Data", "Card details, billing address and transaction history."),
    ("Contact Data", "Name, postal address, phone number and email address."),
    ("Communications Data", "Messages you send to us and to other users."),
    ("Biometric Data", "Face geometry or voiceprints, where permitted by law."),
    ("Inferences", "Profiles reflecting your preferences and characteristics."),
    ("Professional Information", "Employer, job title and business contact details."),
    ("Audio and Visual Information", "Photos, videos and voice recordings."),
    ("Technical Data", "Log files, crash reports and performance diagnostics."),
    ("Marketing Data", "Your preferences for receiving marketing from us."),
    ("Health Data", "Information about your health that you choose to share."),
    ("Children’s Data", "Information about users under the age of 13."),
]
#: Interchangeable words: substitutions stay readable and can flip back.
SYNONYM_GROUPS = [
    ("may", "might", "can"), ("collect", "gather", "obtain"), ("use", "process", "handle"),
    ("share", "disclose"), ("information", "data", "details"),
    ("partners", "vendors", "affiliates"), ("necessary", "required", "needed"),
    ("provide", "deliver", "offer"), ("improve", "enhance", "develop"),
    ("retain", "keep", "store"), ("delete", "erase", "remove"),
    ("users", "people", "members", "customers"), ("consent", "permission"),
    ("law", "regulation", "legislation"), ("Services", "Products", "Platform"),
    ("services", "products", "features"), ("content", "material"),
    ("account", "profile"), ("Terms", "Agreement"), ("cookies", "trackers"),
    ("third", "external"), ("promptly", "quickly"), ("reasonable", "appropriate"),
    ("regular", "periodic"), ("secure", "safe"), ("relevant", "personalised"),
]
SYNONYMS = {w: [o for o in group if o != w] for group in SYNONYM_GROUPS for w in group}
WORDS_TEXT = (
    "account advertising affiliates aggregated analytics applicable authority browser "
    "business children choices communications compliance confidential consent contact "
    "contract controller cookies country customer data deletion device disclosure "
    "email encryption features fraud identifiers information interests jurisdiction "
    "lawful legitimate location marketing measurement members messages necessary "
    "notice obligations payment period permissions personal platform preferences "
    "privacy processing profile purposes recipients regulation request retention "
    "rights safeguards security sellers services settings storage subscription "
    "technologies transfer users vendors verification withdrawal"
)
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]
MONTHS_ABBR = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec",
]
MONTHS_FR = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
]
MONTHS_ES = [
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre",
]

SENTENCE_SPLIT = re.compile(r"(?<=[.!?]) (?=[A-Z“])")
BULLET_TIGHT = re.compile(r"(?m)^\* (?=\S)")
BULLET_LOOSE = re.compile(r"(?m)^\*   (?=\S)")
NUMBER_PLAIN = re.compile(r"(?m)^(\d+)\. ")
NUMBER_ESCAPED = re.compile(r"(?m)^(\d+)\\\. ")
LINK_PLAIN = re.compile(r"\]\(([^<)\s][^)\s]*)\)")
LINK_ANGLED = re.compile(r"\]\(<([^>]*)>\)")
# fmt: on


def _ordinal(day: int) -> str:
    """Return ``day`` with its English ordinal suffix (1st, 2nd, 11th, 23rd)."""
    if 11 <= day % 100 <= 13:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def _mdy(d: date) -> str:
    """``March 3, 2024``."""
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def _dmy(d: date) -> str:
    """``3 March 2024``."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


#: Effective-date line formats: (weight, formatter, at end of document).
DATE_FORMATS: list[tuple[int, Callable[[date], str], bool]] = [
    (18, lambda d: f"Last updated: {_mdy(d)}", False),
    (8, lambda d: f"**Effective Date:** {_dmy(d)}", False),
    (5, lambda d: f"**Effective Date:** {MONTHS[d.month - 1]} {_ordinal(d.day)}, {d.year}", False),
    (8, lambda d: f"Effective as of {_mdy(d)}", False),
    (3, lambda d: f"_Last modified: {d.isoformat()}_", False),
    (3, lambda d: f"> Last revised: {MONTHS_ABBR[d.month - 1]} {d.day}, {d.year}", False),
    (5, lambda d: f"Updated on {MONTHS_ABBR[d.month - 1]} {d.day}, {d.year}", False),
    (3, lambda d: f"Effective {_mdy(d)}. Last Revised {_mdy(d - timedelta(days=12))}", False),
    (2, lambda d: f"Dernière mise à jour\u00a0: {d.day} {MONTHS_FR[d.month - 1]} {d.year}", False),
    (3, lambda d: f"**Last Updated:** {MONTHS[d.month - 1]} {d.year}", False),
    (
        2,
        lambda d: f"Version {d.year - 2015}.{d.month} – {d.day} {MONTHS[d.month - 1]}, {d.year}",
        False,
    ),
    (3, lambda d: f"**Effective Date:**\n{MONTHS[d.month - 1]} {_ordinal(d.day)}, {d.year}", False),
    (3, lambda d: f"Last Updated: {d.month:02d}/{d.day:02d}/{d.year}", False),
    (3, lambda d: f"**(Effective as of {_mdy(d)})**", False),
    (6, lambda d: f"This policy was last updated on {_mdy(d)}.", True),
    (1, lambda d: f"Última actualización: {d.day} de {MONTHS_ES[d.month - 1]} de {d.year}", False),
]


class Vocabulary:
    """Precomputed sentence pools and word lists, built once from the seed."""

    def __init__(self, rng: random.Random, pool_size: int = 2_500) -> None:
        """Fill the privacy and terms sentence pools from the templates."""
        self.privacy = [self._fill(rng, rng.choice(PRIVACY_SENTENCES)) for _ in range(pool_size)]
        self.terms = [self._fill(rng, rng.choice(TERMS_SENTENCES)) for _ in range(pool_size)]
        self.words = WORDS_TEXT.split() + [w for phrase in DATA + PURPOSES for w in phrase.split()]

    @staticmethod
    def _fill(rng: random.Random, template: str) -> str:
        """One sentence from ``template`` (service and domain are filled per document)."""
        data = rng.sample(DATA, 2)
        return template.format(
            S=rng.choice(SUBJECTS),
            V=rng.choice(VERBS),
            D=data[0],
            D2=data[1],
            P=rng.choice(PURPOSES),
            Q=rng.choice(QUALIFIERS),
            X=rng.choice(PROHIBITED),
            H=rng.choice(PRIVACY_HEADINGS + TERMS_HEADINGS),
            age=rng.choice((13, 16, 18)),
            law=rng.choice(LAWS),
            svc="{svc}",
            SVC="{SVC}",
            dom="{dom}",
        )


# --------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------

HEADING_STYLES = ["atx", "atx_bold", "setext", "bold", "none"]
HEADING_STYLE_WEIGHTS = [30, 10, 30, 20, 10]


@dataclass
class DocumentSpec:
    """Everything decided about one document before its revisions are generated."""

    index: int
    service: str
    doctype: str
    chars: int
    revisions: int
    huge: bool = False
    deleted: bool = False
    renamed_to: tuple[str, str] | None = None
    long_line: int = 0

    @property
    def path(self) -> str:
        """Repository path of the document before any rename."""
        return f"{self.service}/{self.doctype}.md"


@dataclass
class DocState:
    """One revision of a document: its paragraphs and what edits need to know."""

    paras: list[str]
    stamp: date | None = None
    stamp_para: str | None = None
    bullet: str = "* "
    mark: int = 0
    size: int = 0


@dataclass
class Writer:
    """Per-document text generator: style choices plus the edit operations."""

    spec: DocumentSpec
    rng: random.Random
    vocab: Vocabulary
    style: str = "atx"
    numbering: str = ""
    category_format: int = 0
    date_format: int | None = None
    privacy: bool = True
    domain: str = "example.com"
    section_no: int = 0

    # ---- building blocks -------------------------------------------------------------

    def sentence(self) -> str:
        """One sentence from the pool that fits the document type."""
        pool = (
            self.vocab.privacy
            if self.rng.random() < (0.8 if self.privacy else 0.3)
            else (self.vocab.terms)
        )
        s = self.rng.choice(pool)
        if "{" in s:
            s = (
                s.replace("{svc}", self.spec.service)
                .replace("{SVC}", self.spec.service.upper())
                .replace("{dom}", self.domain)
            )
        return s

    def prose(self, low: int = 1, high: int = 6) -> str:
        """A paragraph of ``low``-``high`` sentences (one line, as in real archives)."""
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def heading(self, level: int = 2) -> str:
        """A section heading in the document's heading style."""
        rng = self.rng
        text = rng.choice(PRIVACY_HEADINGS if self.privacy else TERMS_HEADINGS)
        if rng.random() < 0.3:
            text = rng.choice(PRIVACY_HEADINGS + TERMS_HEADINGS)
        self.section_no += 1
        if self.numbering == "1.":
            text = f"{self.section_no}. {text}"
        elif self.numbering == "A.":
            text = f"{chr(65 + (self.section_no - 1) % 26)}. {text.upper()}"
        if self.style == "atx":
            return "#" * level + " " + text
        if self.style == "atx_bold":
            return "#" * (level + 1) + f" **{text}**"
        if self.style == "setext":
            return text + "\n" + ("-" if level > 1 else "=") * len(text)
        if self.style == "bold":
            return f"**{text}**"
        return self.prose(1, 2)  # "none": no headings at all

    def title(self) -> str:
        """The document's first line, in its heading style."""
        text = f"{self.spec.service} {self.spec.doctype}"
        if self.rng.random() < 0.3:
            text = self.spec.doctype
        if self.style in ("atx", "atx_bold"):
            return f"# {text}"
        if self.style == "setext":
            return text + "\n" + "=" * len(text)
        return f"**{text}**"

    def category_line(self, bullet: str, name: str, description: str) -> str:
        """A data-category list item, e.g. ``* **Usage Data:** Details on ...``."""
        fmt = self.category_format
        if fmt == 0:
            return f"{bullet}**{name}:** {description}"
        if fmt == 1:
            return f"{bullet}**{name}**: {description}"
        if fmt == 2:
            return f"{bullet}**{name}** – {description}"
        return f"{bullet}{name}: {description}"

    def category_list(self, bullet: str, count: int) -> str:
        """A list of ``count`` data categories, one item a line."""
        picks = self.rng.sample(CATEGORIES, min(count, len(CATEGORIES)))
        return "\n".join(self.category_line(bullet, n, d) for n, d in picks)

    def plain_list(self, bullet: str) -> str:
        """A bullet list of short sentences."""
        return "\n".join(bullet + self.sentence() for _ in range(self.rng.randint(2, 6)))

    def numbered_list(self) -> str:
        """A numbered list (``1. ...``), which technical upgrades escape as ``1\\.``."""
        return "\n".join(f"{i}. {self.sentence()}" for i in range(1, self.rng.randint(3, 7)))

    def table(self, rows: int) -> str:
        """A Markdown table of data categories and retention periods."""
        rng = self.rng
        lines = ["| Category | Examples | Retention period |", "| --- | --- | --- |"]
        for _ in range(rows):
            name, description = rng.choice(CATEGORIES)
            lines.append(f"| {name} | {description} | {rng.randint(1, 36)} months |")
        return "\n".join(lines)

    def long_line(self, chars: int) -> str:
        """One line of at least ``chars`` characters: numbered definitions run together."""
        parts: list[str] = []
        total = 0
        n = 1
        while total < chars:
            term = self.rng.choice(CATEGORIES)[0]
            part = f"{n}\\. **“{term}”** means {self.sentence()}"
            parts.append(part)
            total += len(part) + 1
            n += 1
        return " ".join(parts)

    def body_blocks(self, bullet: str) -> list[str]:
        """One body block of a section: usually a paragraph, sometimes a list or table."""
        r = self.rng.random()
        if r < 0.72:
            return [self.prose()]
        if r < 0.82:
            return [self.plain_list(bullet)]
        if r < 0.9 and self.privacy:
            intro = "We collect the following categories of personal data:"
            return [intro, self.category_list(bullet, self.rng.randint(2, 6))]
        if r < 0.95:
            return [self.numbered_list()]
        return [self.table(self.rng.randint(3, 12))]

    def section(self, bullet: str) -> list[str]:
        """A heading and a few body blocks."""
        rng = self.rng
        level = 3 if rng.random() < 0.25 else 2
        blocks = [self.heading(level)]
        for _ in range(rng.randint(1, 6)):
            blocks.extend(self.body_blocks(bullet))
        return blocks

    def stamp_text(self, stamp: date) -> str:
        """The effective-date line for ``stamp`` in the document's format."""
        assert self.date_format is not None
        return DATE_FORMATS[self.date_format][1](stamp)

    # ---- first revision --------------------------------------------------------------

    def first(self, when: float) -> DocState:
        """The first recorded revision, about ``spec.chars`` characters long."""
        rng = self.rng
        bullet = rng.choice(("* ", "* ", "*   ", "- "))
        state = DocState(paras=[self.title()], bullet=bullet)
        at_end = False
        if self.date_format is not None:
            state.stamp = _stamp_for(rng, when)
            state.stamp_para = self.stamp_text(state.stamp)
            at_end = DATE_FORMATS[self.date_format][2]
            if not at_end:
                state.paras.append(state.stamp_para)
        state.paras.extend(self.prose() for _ in range(rng.randint(1, 3)))
        if self.spec.long_line:
            at = len(state.paras)
        size = sum(len(p) + 2 for p in state.paras) + self.spec.long_line
        while size < self.spec.chars:
            blocks = self.section(bullet)
            state.paras.extend(blocks)
            size += sum(len(p) + 2 for p in blocks)
        if self.spec.long_line:
            line = self.long_line(self.spec.long_line)
            state.paras.insert(rng.randint(at, len(state.paras)), line)
        if at_end and state.stamp_para is not None:
            state.paras.append(state.stamp_para)
        return state

    # ---- edits -----------------------------------------------------------------------

    def editable(self, state: DocState, prose_only: bool = False) -> int | None:
        """Index of a random body paragraph (not the title, a heading or the stamp)."""
        paras = state.paras
        for _ in range(8):
            i = self.rng.randrange(1, len(paras)) if len(paras) > 1 else 0
            p = paras[i]
            if i == 0 or p is state.stamp_para or _is_heading(p):
                continue
            if prose_only and (p[:1] in "*-|" or p[:1].isdigit() or "\n" in p):
                continue
            return i
        return None

    def substitute_words(self, state: DocState) -> bool:
        """Replace one to three words of a paragraph (the most common real change).

        Words with a known synonym are preferred, so that hundreds of revisions keep
        reading like a notice; a random vocabulary word is the rare fallback.
        """
        rng = self.rng
        i = self.editable(state)
        if i is None:
            return False
        words = state.paras[i].split(" ")
        known = [j for j, w in enumerate(words) if w in SYNONYMS]
        if known:
            for j in rng.sample(known, min(len(known), rng.randint(1, 3))):
                words[j] = rng.choice(SYNONYMS[words[j]])
        else:
            j = rng.randrange(len(words))
            if not words[j].isalpha():
                return False
            words[j] = rng.choice(self.vocab.words)
        state.paras[i] = " ".join(words)
        return True

    def edit_sentence(self, state: DocState, how: str) -> bool:
        """Replace, insert or delete one sentence of a prose paragraph."""
        i = self.editable(state, prose_only=True)
        if i is None:
            return False
        sentences = SENTENCE_SPLIT.split(state.paras[i])
        j = self.rng.randrange(len(sentences))
        if how == "replace":
            sentences[j] = self.sentence()
        elif how == "insert":
            sentences.insert(j, self.sentence())
        elif len(sentences) > 1:
            del sentences[j]
        else:
            return False
        state.paras[i] = " ".join(sentences)
        return True

    def insert_paragraph(self, state: DocState) -> bool:
        """Add a body block somewhere after the title."""
        paras = state.paras
        at = self.rng.randint(2, max(2, len(paras) - 1))
        paras[at:at] = self.body_blocks(state.bullet)
        return True

    def delete_paragraph(self, state: DocState) -> bool:
        """Remove one body paragraph."""
        i = self.editable(state)
        if i is None or len(state.paras) < 5:
            return False
        if self.spec.long_line and len(state.paras[i]) >= self.spec.long_line:
            return False
        del state.paras[i]
        return True

    def add_section(self, state: DocState) -> bool:
        """Add a whole section (heading and body) before an existing heading."""
        paras = state.paras
        start = self.rng.randint(2, max(2, len(paras) - 1))
        at = next((k for k in range(start, len(paras)) if _is_heading(paras[k])), start)
        paras[at:at] = self.section(state.bullet)
        return True

    def add_category(self, state: DocState) -> bool:
        """Add a data category to an existing category list, or start a list."""
        paras = state.paras
        for _ in range(20):
            i = self.rng.randrange(1, len(paras)) if len(paras) > 1 else 0
            p = paras[i]
            if i and p.startswith(state.bullet + "**") and ("**:" in p or ":**" in p):
                name, description = self.rng.choice(CATEGORIES)
                lines = p.split("\n")
                lines.insert(
                    self.rng.randint(0, len(lines)),
                    self.category_line(state.bullet, name, description),
                )
                paras[i] = "\n".join(lines)
                return True
        paras.insert(
            self.rng.randint(2, max(2, len(paras) - 1)),
            self.category_list(state.bullet, self.rng.randint(2, 5)),
        )
        return True

    def rename_heading(self, state: DocState) -> bool:
        """Reword one heading (regenerated whole, so setext underlines stay right)."""
        paras = state.paras
        for _ in range(12):
            i = self.rng.randrange(1, len(paras)) if len(paras) > 1 else 0
            if i and _is_heading(paras[i]) and paras[i] is not state.stamp_para:
                level = 3 if paras[i].startswith(("### ", "#### ")) else 2
                paras[i] = self.heading(level)
                return True
        return False

    def restamp(self, state: DocState, when: float) -> bool:
        """Move the effective date forward (usually just before ``when``)."""
        if state.stamp is None or state.stamp_para is None:
            return False
        stamp = _stamp_for(self.rng, when)
        if stamp <= state.stamp:
            stamp = state.stamp + timedelta(days=self.rng.randint(1, 20))
        text = self.stamp_text(stamp)
        if text == state.stamp_para:  # month-only formats: next month
            stamp = (stamp.replace(day=1) + timedelta(days=32)).replace(day=1)
            text = self.stamp_text(stamp)
        i = _index_of(state.paras, state.stamp_para)
        if i is None:
            return False
        state.paras[i] = text
        state.stamp, state.stamp_para = stamp, text
        return True

    def change(self, state: DocState, when: float) -> None:
        """A "Record new changes" revision: a few small edits, sometimes a new date."""
        rng = self.rng
        if state.stamp is not None and rng.random() < 0.06 and self.restamp(state, when):
            return  # only the stamp changes
        size = sum(len(p) + 2 for p in state.paras)
        grow = size < 0.93 * self.spec.chars
        shrink = size > min(1.07 * self.spec.chars, HUGE_MAX_CHARS - 20_000)
        done = 0
        for _ in range(12):
            r = rng.random()
            if r < 0.36:
                ok = self.substitute_words(state)
            elif r < 0.56:
                ok = self.edit_sentence(state, "replace")
            elif r < 0.66:
                ok = not shrink and self.edit_sentence(state, "insert")
            elif r < 0.74:
                ok = not grow and self.edit_sentence(state, "delete")
            elif r < 0.81:
                ok = not shrink and self.insert_paragraph(state)
            elif r < 0.87:
                ok = not grow and self.delete_paragraph(state)
            elif r < 0.91:
                ok = not shrink and self.add_category(state)
            elif r < 0.94:
                ok = not shrink and self.add_section(state)
            elif r < 0.96:
                ok = self.rename_heading(state)
            else:
                ok = self.substitute_words(state)
            done += ok
            if done and rng.random() < 0.55:
                break
        if shrink:
            self.delete_paragraph(state)
        if state.stamp is not None and rng.random() < 0.3:
            self.restamp(state, when)

    def technical(self, state: DocState) -> None:
        """A layout-only change (bullet spacing, escapes, link syntax); rarely content."""
        rng = self.rng
        r = rng.random()
        if r < 0.08:  # a declaration upgrade that brings in more content
            self.add_section(state)
            return
        paras = state.paras
        if r < 0.75 and state.bullet in ("* ", "*   "):
            pattern, new = (BULLET_TIGHT, "*   ") if state.bullet == "* " else (BULLET_LOOSE, "* ")
            out = [pattern.sub(new, p) if p[:2] == state.bullet[:2] else p for p in paras]
            if out != paras:
                state.paras, state.bullet = out, new
                return
        if r < 0.87:
            escaped = any(p[:1].isdigit() and "\\. " in p for p in paras)
            pattern, repl = (NUMBER_ESCAPED, r"\1. ") if escaped else (NUMBER_PLAIN, r"\1\\. ")
            out = [pattern.sub(repl, p) if p[:1].isdigit() else p for p in paras]
            if out != paras:
                state.paras = out
                return
        angled = any("](<" in p for p in paras)
        pattern, repl = (LINK_ANGLED, r"](\1)") if angled else (LINK_PLAIN, r"](<\1>)")
        out = [pattern.sub(repl, p) if "](" in p else p for p in paras]
        if out != paras:
            state.paras = out
            return
        i = self.editable(state, prose_only=True)  # last resort: a trailing hard break
        if i is not None:
            p = paras[i]
            paras[i] = p[:-2] if p.endswith("  ") else p + "  "


def _is_heading(p: str) -> bool:
    """Whether paragraph ``p`` is a heading (ATX, setext or a bold line)."""
    if p.startswith("#"):
        return True
    if p.endswith(("---", "===")) and "\n" in p:
        return True
    return p.startswith("**") and p.endswith("**") and "\n" not in p and len(p) < 160


def _index_of(paras: list[str], para: str) -> int | None:
    """Index of ``para`` in ``paras`` (identity first, as list.index does)."""
    try:
        return paras.index(para)
    except ValueError:
        return None


def _stamp_for(rng: random.Random, when: float) -> date:
    """An effective date for a revision recorded at ``when``: shortly before, rarely after."""
    day = datetime.fromtimestamp(when, UTC).date()
    if rng.random() < 0.07:
        return day + timedelta(days=rng.randint(7, 45))  # announced in advance
    return day - timedelta(days=rng.choice((0, 0, 1, 2, 5, 9, 14, 30)))


# --------------------------------------------------------------------------------------
# Planning: documents, revision counts, sizes, times
# --------------------------------------------------------------------------------------


def _service_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct service names: known ones first, then invented ones."""
    names = list(SERVICES)
    rng.shuffle(names)
    seen = set(names)
    while len(names) < count:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        name = stem.capitalize() + rng.choice(SERVICE_SUFFIXES)
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names[:count]


def plan_documents(
    rng: random.Random, documents: int, revisions: int, total_chars: float
) -> list[DocumentSpec]:
    """Decide every document's service, type, size and number of revisions.

    ``revisions`` (content revisions, first records included) are spread log-normally
    with every document getting at least one; sizes are log-normal, then scaled so that
    the characters over all revisions come near ``total_chars``.
    """
    services = _service_names(rng, max(1, round(documents / 8.8)))
    pairs: list[tuple[str, str]] = []
    used: set[tuple[str, str]] = set()
    for s in services:  # every service has a privacy policy and terms first
        for t in ("Privacy Policy", "Terms of Service"):
            if len(pairs) < documents:
                pairs.append((s, t))
                used.add((s, t))
    while len(pairs) < documents:
        pair = (rng.choice(services), rng.choice(DOCUMENT_TYPES))
        if pair not in used:
            used.add(pair)
            pairs.append(pair)
    rng.shuffle(pairs)

    huge_count = round(HUGE_DOCUMENTS * documents / REAL_DOCUMENTS)
    if documents >= 10:
        huge_count = max(1, huge_count)
    specs: list[DocumentSpec] = []
    weights: list[float] = []
    spread: list[float] = []  # each ordinary document's size, as a normal deviate
    for i, (service, doctype) in enumerate(pairs):
        huge = i < huge_count
        if huge:
            weight = math.exp(rng.gauss(math.log(3.0), 0.3))
            chars = rng.randint(*HUGE_CHARS)
        else:
            weight = min(MAX_WEIGHT, math.exp(rng.gauss(0.0, REVISIONS_SIGMA)))
            chars = 0
        specs.append(DocumentSpec(i, service, doctype, chars, 1, huge=huge))
        weights.append(weight)
        spread.append(rng.gauss(0.0, 1.0))

    # Revisions: one each, the rest in proportion to the weights (largest remainder).
    extra = revisions - documents
    total_weight = sum(weights)
    shares = [w / total_weight * extra for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(documents), key=lambda k: counts[k] - shares[k])
    for k in order[: extra - sum(counts)]:
        counts[k] += 1
    for spec, c in zip(specs, counts, strict=True):
        spec.revisions = 1 + c

    # Sizes: log-normal around the median; the spread is chosen so that the characters
    # over all revisions come nearest to ``total_chars`` (the median stays put).
    def sizes(sigma: float) -> list[int]:
        out = []
        for spec, z in zip(specs, spread, strict=True):
            cap = HEAVY_MAX_CHARS if spec.revisions >= HEAVY_REVISIONS else NORMAL_MAX_CHARS
            chars = int(MEDIAN_DOCUMENT_CHARS * math.exp(sigma * z))
            out.append(spec.chars if spec.huge else max(MIN_CHARS, min(cap, chars)))
        return out

    def error(sigma: float) -> float:
        total = sum(c * s.revisions for c, s in zip(sizes(sigma), specs, strict=True))
        return abs(total - total_chars)

    best = min((k / 50 for k in range(10, 126)), key=error)
    for spec, chars in zip(specs, sizes(best), strict=True):
        spec.chars = chars

    for s in specs:
        if s.huge:
            s.long_line = LONG_LINE_CHARS + rng.randint(0, 4_000)
        elif rng.random() < 0.04:
            s.long_line = rng.randint(5_000, 30_000)
    return specs


def plan_moves(rng: random.Random, specs: list[DocumentSpec], deletes: int, renames: int) -> None:
    """Mark ``deletes`` documents as deleted and ``renames`` as renamed or moved."""
    paths = {s.path for s in specs}
    candidates = [s for s in specs if not s.huge]
    rng.shuffle(candidates)
    for s in candidates[:deletes]:
        s.deleted = True
    for s in candidates[deletes : deletes + renames]:
        for _ in range(50):
            if s.doctype in RENAMED_TYPES and rng.random() < 0.5:
                target = (s.service, RENAMED_TYPES[s.doctype])  # declaration renamed
            else:
                target = (rng.choice(SERVICES) + rng.choice(SERVICE_SUFFIXES), s.doctype)
            path = f"{target[0]}/{target[1]}.md"
            if path not in paths:
                paths.add(path)
                s.renamed_to = target
                break


def plan_times(rng: random.Random, spec: DocumentSpec, events: int) -> list[float]:
    """Sorted recording times of one document's ``events`` commits."""
    span = TIMELINE_END - TIMELINE_START
    if spec.revisions >= FLAP_HEAVY_MIN_REVISIONS or spec.huge or rng.random() < 0.5:
        start = TIMELINE_START + rng.random() * 0.03 * span  # the initial bulk import
    else:
        start = TIMELINE_START + rng.random() * 0.95 * span
    end = TIMELINE_END
    if spec.deleted:
        end = start + (0.3 + 0.7 * rng.random()) * (TIMELINE_END - start)
    return [start, *sorted(rng.uniform(start, end) for _ in range(events - 1))]


# --------------------------------------------------------------------------------------
# fast-import stream
# --------------------------------------------------------------------------------------

FIRST, CHANGE, TECHNICAL, REVERT, RENAME, DELETE = range(6)


@dataclass(order=True)
class Event:
    """One commit to write: which document, what kind, which blob, where."""

    when: float
    doc: int
    kind: int = field(compare=False)
    mark: int = field(compare=False)
    path: str = field(compare=False)
    name: str = field(compare=False)
    old_path: str | None = field(compare=False, default=None)


def git_env() -> dict[str, str]:
    """Environment for git: no system or global configuration, no prompts."""
    env = dict(os.environ)
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, GIT_TERMINAL_PROMPT="0")
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        env.pop(key, None)
    return env


def _fi_path(path: str) -> bytes:
    """A path as fast-import reads it (C-quoted only when it has to be)."""
    if path.startswith('"') or "\n" in path or "\\" in path:
        quoted = path.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{quoted}"'.encode()
    return path.encode()


@dataclass
class Stats:
    """What the summary reports."""

    commits: int = 0
    documents: int = 0
    distinct_blobs: int = 0
    revision_bytes: int = 0
    distinct_bytes: int = 0
    largest_blob: int = 0
    largest_path: str = ""
    longest_line: int = 0
    longest_line_path: str = ""
    renames: int = 0
    deletes: int = 0
    backdated: int = 0
    repack_seconds: float = 0.0
    technical: int = 0
    reverts: int = 0
    blob_sizes: list[int] = field(default_factory=list)


class Importer:
    """Streams blobs and commits into one ``git fast-import`` process."""

    def __init__(self, repo: Path) -> None:
        """Start fast-import in ``repo`` (an initialised repository)."""
        self.proc = subprocess.Popen(
            ["git", "fast-import", "--quiet", "--done", "--depth=10"],
            cwd=repo,
            stdin=subprocess.PIPE,
            env=git_env(),
            bufsize=1 << 20,
        )
        assert self.proc.stdin is not None
        self.out: IO[bytes] = self.proc.stdin
        self.next_mark = 1
        self.marks: dict[bytes, int] = {}
        self.pending: list[tuple[int, bytes]] = []
        self.stats = Stats()

    def blob(self, data: bytes) -> tuple[int, bool]:
        """Queue ``data`` unless an identical blob is known; return (mark, was new).

        Queued blobs are sent by ``flush``, newest first.
        """
        oid = hashlib.sha1(b"blob %d\0" % len(data))
        oid.update(data)
        key = oid.digest()
        mark = self.marks.get(key)
        if mark is not None:
            return mark, False
        mark = self.next_mark
        self.next_mark += 1
        self.marks[key] = mark
        self.pending.append((mark, data))
        return mark, True

    def flush(self, last_use: dict[int, float] | None = None) -> None:
        """Send the queued blobs (one document's), most recently used first.

        ``last_use`` maps a mark to when the blob was last committed. fast-import
        deltas each blob against the blob it received just before, so the blob of the
        newest commit is stored whole and each other one as a delta on the next more
        recent one, up to 50 deep: reading the blobs in log order (newest first) then
        walks each chain from its base, as in a repository ``git gc`` keeps in recency
        order. Sent in creation order, the newest blob would sit at the end of a
        50-delta chain and reading every blob in log order takes about 8x longer;
        ``git repack -adf`` on the result gives about 3x (see bench/README.md).
        """
        pending = self.pending
        if last_use:
            pending.sort(key=lambda item: last_use.get(item[0], 0.0))
        out = self.out
        for mark, data in reversed(pending):
            out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)))
            out.write(data)
            out.write(b"\n")
        pending.clear()

    def commit(self, who: bytes, when: int, message: str, changes: Sequence[bytes]) -> None:
        """Write one commit on refs/heads/main with the given file changes."""
        msg = message.encode()
        stamp = b"%s %d +0000\n" % (who, when)
        self.out.write(
            b"commit refs/heads/main\nauthor "
            + stamp
            + b"committer "
            + stamp
            + b"data %d\n" % len(msg)
            + msg
            + b"\n"
            + b"".join(changes)
            + b"\n"
        )
        self.stats.commits += 1

    def abort(self) -> None:
        """Stop fast-import without letting it finish the stream."""
        self.proc.kill()
        self.proc.wait()

    def close(self) -> None:
        """Finish the stream and wait for fast-import."""
        self.out.write(b"done\n")
        self.out.close()
        if self.proc.wait() != 0:
            raise SystemExit(f"git fast-import failed with status {self.proc.returncode}")


README = """# Versions of terms from the *synthetic* collection

Synthetic notices generated by notice-tui's `bench/make_repo.py` (seed {seed}) to
benchmark reading an Open Terms Archive "versions" repository at scale.
Nothing here is a real service's terms.
"""
LICENSE = """Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)

The synthetic texts in this repository may be shared and adapted freely.
"""


def generate_document(
    imp: Importer, spec: DocumentSpec, vocab: Vocabulary, seed: int
) -> list[Event]:
    """Generate every revision of one document, send its blobs, return its commits."""
    rng = random.Random(f"{seed}:doc:{spec.index}")
    writer = Writer(spec, rng, vocab)
    writer.style = rng.choices(HEADING_STYLES, HEADING_STYLE_WEIGHTS)[0]
    writer.numbering = rng.choice(("", "", "1.", "A."))
    writer.category_format = rng.choice((0, 0, 0, 1, 2, 3))
    writer.privacy = spec.doctype in PRIVACY_TYPES or rng.random() < 0.25
    writer.domain = (
        re.sub(r"[^a-z0-9]+", "", spec.service.lower().encode("ascii", "ignore").decode())
        + ".example"
    )
    if rng.random() < DATED_SHARE:
        writer.date_format = rng.choices(range(len(DATE_FORMATS)), [w for w, _, _ in DATE_FORMATS])[
            0
        ]

    extra = int(spec.deleted) + int(spec.renamed_to is not None)
    times = plan_times(rng, spec, spec.revisions + extra)
    kinds = [FIRST] + [CHANGE] * (spec.revisions - 1)
    flap = FLAP_HEAVY if spec.revisions >= FLAP_HEAVY_MIN_REVISIONS else FLAP_LIGHT
    for k in range(1, len(kinds)):
        r = rng.random()
        if r < TECHNICAL_SHARE:
            kinds[k] = TECHNICAL
        elif r < TECHNICAL_SHARE + flap:
            kinds[k] = REVERT
    if spec.renamed_to is not None:
        kinds.insert(rng.randint(1, len(kinds)), RENAME)
    if spec.deleted:
        kinds.append(DELETE)

    stats = imp.stats
    service, doctype = spec.service, spec.doctype
    path = spec.path
    history: list[DocState] = []  # recent distinct states, for flip-flops
    known: set[str] = set()  # paragraphs already measured for the longest line
    state: DocState | None = None
    events: list[Event] = []

    def record(new: DocState) -> None:
        data = "\n\n".join(new.paras).encode() + b"\n"
        new.mark, fresh = imp.blob(data)
        new.size = len(data)
        if fresh:
            stats.distinct_blobs += 1
            stats.distinct_bytes += len(data)
            stats.blob_sizes.append(len(data))
            if len(data) > stats.largest_blob:
                stats.largest_blob, stats.largest_path = len(data), path
            for p in new.paras:
                if p not in known:
                    known.add(p)
                    longest = len(p) if "\n" not in p else max(map(len, p.split("\n")))
                    if longest > stats.longest_line:
                        stats.longest_line, stats.longest_line_path = longest, path
        stats.revision_bytes += len(data)
        history.append(new)
        del history[:-6]

    for when, kind in zip(times, kinds, strict=True):
        old_path = None
        if kind == FIRST:
            state = writer.first(when)
            record(state)
        else:
            assert state is not None
            if kind == REVERT:
                earlier = [h for h in history[:-1] if h.mark != state.mark]
                if earlier:
                    state = earlier[-1] if rng.random() < 0.85 else rng.choice(earlier)
                    history.append(state)
                    del history[:-6]
                    stats.reverts += 1
                    stats.revision_bytes += state.size
                else:
                    kind = CHANGE
            if kind in (CHANGE, TECHNICAL, RENAME):
                new = DocState(list(state.paras), state.stamp, state.stamp_para, state.bullet)
                if kind == CHANGE:
                    writer.change(new, when)
                elif kind == TECHNICAL:
                    writer.technical(new)
                    stats.technical += 1
                else:
                    assert spec.renamed_to is not None
                    old_path = path
                    service, doctype = spec.renamed_to
                    path = f"{service}/{doctype}.md"
                    stats.renames += 1
                    if rng.random() < 0.3:
                        writer.substitute_words(new)
                state = new
                record(new)
            elif kind == DELETE:
                stats.deletes += 1
        name = f"{service} {doctype}"
        events.append(Event(when, spec.index, kind, state.mark, path, name, old_path))
    imp.flush({ev.mark: ev.when for ev in events if ev.kind != DELETE})
    return events


def _engine_version(when: float) -> str:
    """The archive engine's version at ``when`` (it only ever goes up)."""
    f = (when - TIMELINE_START) / (TIMELINE_END - TIMELINE_START)
    return f"{1 + int(f * 5.5)}.{int(f * 55) % 10}.{int(f * 300) % 4}"


def write_commits(imp: Importer, events: list[Event], seed: int) -> None:
    """Write the initial commit, then one commit per event in recording order.

    A few commits are back-dated (their date is earlier than their parent's), mostly
    technical upgrades, which real archives date with the original snapshot's date.
    """
    rng = random.Random(f"{seed}:commits")
    stats = imp.stats
    start = int(TIMELINE_START) - 86_400
    readme, licence = README.format(seed=seed).encode(), LICENSE.encode()
    readme_mark, _ = imp.blob(readme)
    licence_mark, _ = imp.blob(licence)
    imp.flush()
    imp.commit(
        HUMAN,
        start,
        "Initial commit\n",
        [
            b"M 100644 :%d README.md\n" % readme_mark,
            b"M 100644 :%d LICENSE\n" % licence_mark,
        ],
    )
    parent_date = start
    events.sort()
    for ev in events:
        when = max(int(ev.when), start + 1)
        if (ev.kind == TECHNICAL and rng.random() < 0.7) or rng.random() < 0.025:
            when = min(when, parent_date) - rng.randint(3_600, 40 * 86_400)
            stats.backdated += 1
        parent_date = when
        path = _fi_path(ev.path)
        if ev.kind == FIRST:
            subject = f"First record of {ev.name}"
        elif ev.kind in (TECHNICAL, RENAME):
            subject = f"Apply technical or declaration upgrade on {ev.name}"
        elif ev.kind == DELETE:
            subject = f"Delete {ev.name} versions"
        else:
            subject = f"Record new changes of {ev.name}"
        if ev.kind == DELETE:
            message = subject + "\n\nThese terms are no longer tracked.\n"
            changes = [b"D " + path + b"\n"]
        else:
            snapshot = f"{rng.getrandbits(160):040x}"
            message = (
                f"{subject}\n\nThis version was recorded after extracting from snapshot "
                f"https://github.com/OpenTermsArchive/synthetic-snapshots/commit/{snapshot}"
                f"\n\nX-engine-version: {_engine_version(ev.when)}\n"
            )
            changes = [b"M 100644 :%d " % ev.mark + path + b"\n"]
            if ev.old_path is not None:
                changes.insert(0, b"D " + _fi_path(ev.old_path) + b"\n")
        imp.commit(BOT, when, message, changes)


def _git(repo: Path, *args: str, capture: bool = False) -> str:
    """Run git in ``repo`` with hooks off and no system/global configuration."""
    done = subprocess.run(
        ["git", "-c", "core.hooksPath=/dev/null", *args],
        cwd=repo,
        env=git_env(),
        check=True,
        stdout=subprocess.PIPE if capture else None,
        text=True,
    )
    return done.stdout or ""


def _prepare(out: Path, force: bool) -> None:
    """Make sure ``out`` is absent or empty; with ``force``, remove an old repository."""
    if out.exists() and not out.is_dir():
        raise SystemExit(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise SystemExit(f"{out} is not empty; pass --force to replace it")
        looks_like_repo = (out / ".git").is_dir() or (
            (out / "HEAD").is_file() and (out / "objects").is_dir()
        )
        if not looks_like_repo:
            raise SystemExit(f"{out} is not a git repository; not removing it even with --force")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def build(
    out: Path,
    *,
    commits: int,
    documents: int,
    seed: int = DEFAULT_SEED,
    worktree: bool = True,
    repack: bool = True,
    force: bool = False,
    progress: bool = True,
) -> Stats:
    """Build the synthetic repository at ``out``; return what went into it.

    ``commits`` counts every commit (the initial one included) and ``documents`` every
    document ever recorded (deleted ones included).
    """
    deletes = max(1, round(documents * DELETED_SHARE)) if documents >= 5 else 0
    renames = max(1, round(documents * RENAMED_SHARE)) if documents >= 5 else 0
    revisions = commits - 1 - deletes - renames
    if documents < 1 or revisions < documents:
        raise SystemExit(
            f"{commits} commits are too few for {documents} documents "
            f"(need at least {documents + deletes + renames + 1})"
        )
    _prepare(out, force)
    plan_rng = random.Random(f"{seed}:plan")
    target_chars = (commits - 1) * MEAN_REVISION_BYTES / BYTES_PER_PLANNED_CHAR
    specs = plan_documents(plan_rng, documents, revisions, target_chars)
    plan_moves(plan_rng, specs, deletes, renames)
    vocab = Vocabulary(random.Random(f"{seed}:vocab"))

    _git(out, "init", "-q", "-b", "main", "--template=", *(() if worktree else ("--bare",)))
    imp = Importer(out)
    imp.stats.documents = documents
    events: list[Event] = []
    step = max(1, documents // 10)
    started = time.monotonic()
    try:
        for n, spec in enumerate(specs, 1):
            events.extend(generate_document(imp, spec, vocab, seed))
            if progress and (n % step == 0 or n == documents):
                print(
                    f"  {n}/{documents} documents, {imp.stats.distinct_blobs:,} blobs, "
                    f"{imp.stats.distinct_bytes / 1e6:,.0f} MB, "
                    f"{time.monotonic() - started:.0f} s",
                    file=sys.stderr,
                )
        write_commits(imp, events, seed)
    except BaseException:
        imp.abort()
        raise
    imp.close()
    if repack:
        if progress:
            print(f"  repacking (git repack -adf --depth={REPACK_DEPTH})", file=sys.stderr)
        begun = time.monotonic()
        _git(
            out,
            "-c",
            "repack.writeBitmaps=false",
            "repack",
            "-a",
            "-d",
            "-f",
            "-q",
            f"--depth={REPACK_DEPTH}",
            f"--window={REPACK_WINDOW}",
        )
        imp.stats.repack_seconds = time.monotonic() - begun
    if worktree:
        _git(out, "read-tree", "-u", "--reset", "HEAD")
    return imp.stats


def summary(stats: Stats, out: Path, seconds: float) -> dict[str, object]:
    """The figures printed at the end, as a dict (also written with ``--json``)."""
    pack = _git(out, "count-objects", "-v", capture=True)
    size_pack = next(
        (int(line.split()[1]) for line in pack.splitlines() if line.startswith("size-pack:")), 0
    )
    return {
        "repository": str(out),
        "commits": stats.commits,
        "documents": stats.documents,
        "distinct_blobs": stats.distinct_blobs,
        "revision_bytes": stats.revision_bytes,
        "distinct_bytes": stats.distinct_bytes,
        "median_blob_bytes": int(statistics.median(stats.blob_sizes or [0])),
        "largest_blob_bytes": stats.largest_blob,
        "largest_blob_path": stats.largest_path,
        "blobs_over_900kb": sum(size >= 900_000 for size in stats.blob_sizes),
        "longest_line_chars": stats.longest_line,
        "longest_line_path": stats.longest_line_path,
        "renames": stats.renames,
        "deletes": stats.deletes,
        "technical": stats.technical,
        "reverts": stats.reverts,
        "backdated": stats.backdated,
        "pack_bytes": size_pack * 1024,
        "repack_seconds": round(stats.repack_seconds, 1),
        "seconds": round(seconds, 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: build the repository and print its summary."""
    parser = argparse.ArgumentParser(
        description="Build a synthetic notices repository (Open Terms Archive layout) "
        "with git fast-import.",
    )
    parser.add_argument("--out", type=Path, required=True, help="folder to create")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="factor on the largest real archive (42,600 commits, 880 documents); "
        "0.05 gives a quick repository",
    )
    parser.add_argument("--commits", type=int, help="total commits (overrides --scale)")
    parser.add_argument("--documents", type=int, help="documents (overrides --scale)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument(
        "--worktree",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="check HEAD out (default); --no-worktree makes a bare repository",
    )
    parser.add_argument(
        "--repack",
        action=argparse.BooleanOptionalAction,
        default=True,
        help=f"finish with git repack -adf --depth={REPACK_DEPTH} (default), so blobs are "
        "laid out and delta-chained like a real clone's; --no-repack keeps fast-import's pack",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing repository")
    parser.add_argument("--json", type=Path, help="also write the summary as JSON here")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    commits = args.commits or max(2, round(REAL_COMMITS * args.scale))
    documents = args.documents or max(1, round(REAL_DOCUMENTS * args.scale))

    started = time.monotonic()
    stats = build(
        args.out,
        commits=commits,
        documents=documents,
        seed=args.seed,
        worktree=args.worktree,
        repack=args.repack,
        force=args.force,
        progress=not args.quiet,
    )
    figures = summary(stats, args.out, time.monotonic() - started)
    width = max(map(len, figures))
    for key, value in figures.items():
        shown = f"{value:,}" if isinstance(value, int) else str(value)
        print(f"{key:<{width}}  {shown}")
    if args.json:
        import json

        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
