"""The summary's id table comes from the checks' specs (slot i -> id), and the codes it makes
are byte-identical to those made while the table was a hand-written list.

The pinned codes below were computed before the table was derived, with
``build_summary(result, app_version=..., token=...)`` and ``typed_code(...)`` on the findings of
the demo machines under resources/scenarios (replayed at commit e3dd6ff) and on a few
hand-made findings; the findings are written out here so that the test pins the encoding
alone, whatever later happens to a demo machine's verdicts.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from checks.engine.i18n import msg
from checks.engine.model import Finding, Origin, Status
from checks.engine.registry import Check, all_checks
from checks.workshop.summary import CHECK_IDS, build_summary, parse_code, slot_table, typed_code

# The ids in their released positions, spelled out (not read from the code under test).
RELEASED = ("disk-encryption", "os-supported", "os-updates", "auto-updates", "secure-messaging",
            "firewall", "automatic-login", "screen-lock", "remote-access", "sharing",
            "secure-boot", "guest-account", "trusted-certificates", "browsers",
            "password-manager", "tor-browser")
LETTERS = {"P": Status.PASS, "A": Status.ATTENTION, "F": Status.FAIL, "U": Status.UNKNOWN,
           "N": Status.NOT_APPLICABLE, "E": Status.ERROR}

# demo machine, OS family, statuses in RELEASED order, code with random part 00000000 and
# app 0.1.0, code with random part a1a2a3a4 and app 0.1.0
DEMO_MACHINES = [
    ("windows11-bitlocker-keepass", "windows", "PPPAPPPPPPPPPAPP",
     "AEAA-AAAA-AABA-CD77-6AAQ-AAAA-AQAL-EHY", "AGQ2-FI5E-AABA-CD77-6AAQ-AAAA-AQAA-V5Q"),
    ("windows10-unencrypted-telegram", "windows", "FFFPFPPFPPPPPFUN",
     "AEAA-AAAA-AABA-CD77-6SIE-AIAA-BHAH-D2Y", "AGQ2-FI5E-AABA-CD77-6SIE-AIAA-BHAM-SAQ"),
    ("windows11-home-remote-support", "windows", "AFFPFPFFFFPPAFPN",
     "AEAA-AAAA-AABA-CD77-6KIE-CJEA-FBAC-62Y", "AGQ2-FI5E-AABA-CD77-6KIE-CJEA-FBAJ-PAQ"),
    ("macos15-encrypting-screen-sharing", "macos", "AAFPPPPFFFAPPPPP",
     "AEAA-AAAA-IABA-CD77-6JIA-AJEI-AAAJ-SCA", "AGQ2-FI5E-IABA-CD77-6JIA-AJEI-AAAC-DYI"),
    ("macos12-no-filevault", "macos", "FFFFPFFFFFFPAFUF",
     "AEAA-AAAA-IABA-CD77-6SJA-SJEQ-FGQE-M5Y", "AGQ2-FI5E-IABA-CD77-6SJA-SJEQ-FGQP-5HQ"),
    ("macos-filevault-signal", "macos", "PPPPPPPPPPUPPPPP",
     "AEAA-AAAA-IABA-CD77-6AAA-AAAY-AAAA-Z6I", "AGQ2-FI5E-IABA-CD77-6AAA-AAAY-AAAL-IEA"),
    ("linux-luks-pending-updates", "linux", "PPFPAFPPPPPNPPUN",
     "AEAA-AAAA-QABA-CD77-6AIC-QAAE-AHAL-O6Q", "AGQ2-FI5E-QABA-CD77-6AIC-QAAE-AHAA-7EY"),
    ("linux-ubuntu2004-unencrypted", "linux", "FFFFFFFFFFFNAFUN",
     "AEAA-AAAA-QABA-CD77-6SJE-SJEU-FHAJ-BGA", "AGQ2-FI5E-QABA-CD77-6SJE-SJEU-FHAC-Q4I"),
    ("linux-kubuntu-well-kept", "linux", "PPPUPPPPPPPNPPPP",
     "AEAA-AAAA-QABA-CD77-6ABQ-AAAE-AAAI-H6Q", "AGQ2-FI5E-QABA-CD77-6ABQ-AAAE-AAAD-WEY"),
]

# name, OS family (as the host says it), findings, code (00000000, 0.1.0), code (a1a2a3a4, 2.13.7)
HAND_MADE = [
    ("only-firewall", "linux", {"firewall": "F"},
     "AEAA-AAAA-QABA-AYCQ-AAET-C", "AGQ2-FI5E-QINB-YYCQ-AD3J-G"),
    ("first-and-last", "macos", {"disk-encryption": "P", "tor-browser": "N"},
     "AEAA-AAAA-IABA-CCAA-CEAM-54A", "AGQ2-FI5E-IINB-2CAA-CEAH-EAA"),
    ("other-os", "freebsd", {"os-updates": "E", "screen-lock": "U", "sharing": "A"},
     "AEAA-AAAA-YABA-BIQW-WIAP-I2Y", "AGQ2-FI5E-YINB-ZIQW-WIAE-RGY"),
    ("empty", "windows", {},
     "AEAA-AAAA-AABA-AAE5-GE", "AGQ2-FI5E-AINB-YABU-7E"),
    ("spelled-out", "linux", {"firewall": "P", "new-check-7": "F"},
     "AEAA-AAAA-QABA-AYCA-VTIR-NEBB-YQEK-SIKA-YQUQ",
     "AGQ2-FI5E-QINB-YYCA-VTIR-NEBB-YQEK-SIKA-IFNQ"),
]


def _zeros(n: int) -> bytes:
    return bytes(n)


def _counting(n: int) -> bytes:
    return bytes(range(0xA1, 0xA1 + n))


def _result(family: str, statuses: dict[str, Status]) -> SimpleNamespace:
    # reversed, so the code's order is the table's, not the findings'
    findings = [Finding(st, msg("x"), check_id=cid) for cid, st in reversed(statuses.items())]
    return SimpleNamespace(platform=SimpleNamespace(family=family), findings=findings)


@pytest.mark.parametrize(("machine", "family", "letters", "code0", "code_a"), DEMO_MACHINES,
                         ids=[m[0] for m in DEMO_MACHINES])
def test_demo_machine_codes_are_byte_identical_to_the_hand_listed_table(
        machine, family, letters, code0, code_a):
    statuses = {cid: LETTERS[ch] for cid, ch in zip(RELEASED, letters, strict=True)}
    result = _result(family, statuses)
    zero = build_summary(result, app_version="0.1.0", token=_zeros)
    counted = build_summary(result, app_version="0.1.0", token=_counting)
    assert typed_code(zero) == code0
    assert typed_code(counted) == code_a
    assert zero.qr_text() == "CHECKUP:" + code0.replace("-", "")
    assert parse_code(code0) == zero


@pytest.mark.parametrize(("name", "family", "pairs", "code0", "code_a"), HAND_MADE,
                         ids=[h[0] for h in HAND_MADE])
def test_hand_made_codes_are_byte_identical_to_the_hand_listed_table(
        name, family, pairs, code0, code_a):
    statuses = {cid: LETTERS[ch] for cid, ch in pairs.items()}
    result = _result(family, statuses)
    allowed = frozenset(RELEASED) | {"new-check-7"}
    zero = build_summary(result, app_version="0.1.0", token=_zeros, shareable=allowed)
    counted = build_summary(result, app_version="2.13.7", token=_counting, shareable=allowed)
    assert typed_code(zero) == code0
    assert typed_code(counted) == code_a


def test_the_table_is_the_specs_slots_in_order():
    checks = all_checks()
    assert CHECK_IDS == slot_table(checks)
    slots = {c.id: c.slot for c in checks}
    assert all(slots[cid] == i for i, cid in enumerate(CHECK_IDS))
    assert CHECK_IDS[:len(RELEASED)] == RELEASED


def _check(cid: str, slot: int | None) -> Check:
    return Check(id=cid, title=cid, platforms=frozenset({"linux"}), func=lambda scan: None,  # type: ignore[arg-type,return-value]
                 slot=slot)


def test_a_gap_in_the_slots_is_refused():
    with pytest.raises(ValueError, match=r"slots \[1\] belong to no check"):
        slot_table([_check("a", 0), _check("c", 2)])
    with pytest.raises(ValueError, match=r"slots \[0\] belong to no check"):
        slot_table([_check("b", 1)])


def test_two_checks_on_one_slot_are_refused():
    with pytest.raises(ValueError, match="slot 1 is claimed by both b and c"):
        slot_table([_check("a", 0), _check("b", 1), _check("c", 1)])


def test_a_removed_checks_slot_stays_reserved():
    assert slot_table([_check("a", 0), _check("c", 2)], retired={1: "old-b"}) == (
        "a", "old-b", "c")
    with pytest.raises(ValueError, match="slot 1 is claimed by both old-b and b"):
        slot_table([_check("a", 0), _check("b", 1)], retired={1: "old-b"})
    with pytest.raises(ValueError, match="a holds more than one summary slot"):
        slot_table([_check("a", 0), _check("b", 1)], retired={2: "a"})


def test_checks_without_a_slot_have_no_place():
    assert slot_table([_check("a", 0), _check("test-only", None)]) == ("a",)


def test_an_answer_never_travels_even_under_a_checks_id():
    answer = Finding(Status.PASS, msg("x"), check_id="password-manager",
                     origin=Origin.QUESTION, question_id="password-manager")
    result = SimpleNamespace(platform=SimpleNamespace(family="linux"), findings=[answer])
    assert build_summary(result, token=_zeros).checks == ()
