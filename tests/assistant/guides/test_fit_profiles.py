"""The twelve support-fit profiles of ``evals/fit_profiles.json``, written blind from slides 9, 10 and 19-21 by
someone who never saw the code, run as they are through the real assistant (real store, real search).

The profiles name support types as the slides do without the article ("soutien financier") and forms by their
full quote; the guide's own ids are mapped here, the expected values are never touched."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import REPO

PROFILES = json.loads((REPO / "evals" / "fit_profiles.json").read_text(encoding="utf-8"))


def support_label(quote: str) -> str:
    """« Le soutien financier » -> "soutien financier", the profiles' spelling."""
    return re.sub(r"^(le|la|les)\s+", "", quote.strip().lower())


def observed(result) -> dict:
    return {
        "coverage": result.coverage,
        "practice_types": [p["type"] for p in result.practice_types],
        "failed_criteria": result.failed_criteria,
        "unanswered_blocking": result.unanswered_blocking,
        "support_types": list(dict.fromkeys(support_label(s["support"]) for s in result.supports)),
        "forms": list(dict.fromkeys(s["form"] for s in result.supports if s["form"])),
        "accountability": any("reddition de comptes" in o["quote"] for o in result.obligations),
    }


def test_there_are_twelve_profiles_with_every_expected_field():
    assert len(PROFILES) == 12
    for profile in PROFILES:
        assert set(profile["expected"]) == {"coverage", "practice_types", "failed_criteria", "unanswered_blocking",
                                            "support_types", "forms", "accountability"}, profile["id"]


@pytest.mark.parametrize("profile", PROFILES, ids=[p["id"] for p in PROFILES])
def test_profile(shipped_assistant, profile):
    result = shipped_assistant.fit({"criteria": profile["criteria"], "needs": profile["needs_text"]},
                                   profile["language"])
    expected = profile["expected"]
    got = observed(result)
    assert got["coverage"] == expected["coverage"], profile["why"]
    assert got["practice_types"] == sorted(expected["practice_types"]), profile["why"]
    assert got["failed_criteria"] == expected["failed_criteria"], profile["why"]
    assert got["unanswered_blocking"] == expected["unanswered_blocking"], profile["why"]
    assert got["support_types"] == expected["support_types"], (profile["why"], result.supports)
    assert got["forms"] == expected["forms"], (profile["why"], result.supports)
    assert got["accountability"] == expected["accountability"], profile["why"]
    # Eligibility first: the answer opens with the sentence that says whether the policy covers the organisation.
    assert result.text.splitlines()[0] == result.eligibility
    # Each free-text need is shown with the words that mapped it, and none went unrecognised.
    assert not result.unmatched_needs
    for support in result.supports:
        assert support["matched_words"] and all(w.lower() in " ".join(support["from_text"]).lower()
                                                for w in support["matched_words"])
    # The answer is in the profile's language.
    assert ("Yes:" in result.eligibility or "No:" in result.eligibility or "cannot tell" in result.eligibility) \
        == (profile["language"] == "en")
