"""Which roster agency a report comes from: by name or alias after folding, never by a near guess.

Folding: Traditional → Simplified, full-width → half-width, whitespace and punctuation removed.
A folded name equal to an agency's folded name or alias is a match. A name that is only close
(rapidfuzz) is not matched: it is returned with its candidates for the reviewer to link, and the
link is then remembered as an alias.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

# below this score (0–100, rapidfuzz WRatio on folded names) a roster agency is not offered as a candidate
CANDIDATE_SCORE = 60
MAX_CANDIDATES = 3
_NOT_NAME = re.compile(r"[\s\u00a0\u3000]+")


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@cache
def fold(name: str) -> str:
    """The name as identity compares it: Simplified, half-width, no whitespace or punctuation."""
    text = unicodedata.normalize("NFKC", name or "")
    text = _t2s().convert(text)
    text = _NOT_NAME.sub("", text)
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith(("P", "S", "Z", "C")))


@dataclass(frozen=True)
class Match:
    """What identity says about one printed name: the agency, or none and the near candidates."""

    name: str  # as printed in the report
    agency: str | None  # the roster agency, when the name or an alias folds equal
    candidates: tuple[str, ...] = ()  # near roster agencies (only when agency is None)


@dataclass
class Identity:
    """Roster agencies and their aliases, folded for lookup."""

    agencies: list[str] = field(default_factory=list)
    _by_folded: dict[str, str] = field(default_factory=dict, repr=False)
    _choices: dict[str, str] = field(default_factory=dict, repr=False)  # folded agency name → agency

    @classmethod
    def of(cls, agencies: Iterable[str], aliases: Iterable[tuple[str, str]] = ()) -> Identity:
        """agencies: roster names; aliases: (alias, agency) pairs (from the roster and reviewers' links)."""
        ident = cls()
        for a in agencies:
            ident.agencies.append(a)
            ident._by_folded.setdefault(fold(a), a)
            ident._choices[fold(a)] = a
        known = set(ident.agencies)
        for alias, agency in aliases:
            if agency in known and fold(alias):
                ident._by_folded.setdefault(fold(alias), agency)
        return ident

    def exact(self, name: str | None) -> str | None:
        """The roster agency of this name, or None (no near guesses)."""
        return self._by_folded.get(fold(name)) if name else None

    def match(self, name: str | None) -> Match:
        agency = self.exact(name)
        if agency is not None or not name:
            return Match(name or "", agency)
        return Match(name, None, self.candidates(name))

    def candidates(self, name: str) -> tuple[str, ...]:
        """The roster agencies nearest to this name, best first (rapidfuzz), for the reviewer to choose."""
        from rapidfuzz import fuzz, process

        key = fold(name)
        if not key or not self._choices:
            return ()
        found = process.extract(key, list(self._choices), scorer=fuzz.WRatio, limit=MAX_CANDIDATES,
                                score_cutoff=CANDIDATE_SCORE)
        return tuple(self._choices[choice] for choice, _score, _i in found)

    def same_agency(self, a: str | None, b: str | None) -> bool:
        """Two printed names are one agency: equal after folding, or both matched to one roster agency."""
        if not a or not b:
            return False
        if fold(a) == fold(b):
            return True
        ea = self.exact(a)
        return ea is not None and ea == self.exact(b)

    def key(self, name: str | None) -> str | None:
        """A stable key for the agency behind a printed name: its roster agency, else its folded name."""
        if not name:
            return None
        return self.exact(name) or fold(name)
