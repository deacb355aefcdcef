"""`oir-bpmn init`: a person answers the task's questions in a real terminal, the profile is
written (or nothing is), and the profile it writes builds a pack that shows the answers."""
from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

import pexpect
import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from pack_fixtures import run_pack

from oir_bpmn.cli import main
from oir_bpmn.profile import STANDARD, load_profile
from oir_bpmn.questions import QUESTIONS

REPO = Path(__file__).resolve().parents[1]
ANSWERS = REPO / "tests" / "data" / "init"
DOWN, SPACE, ENTER, BACKSPACE, CTRL_C = "\x1b[B", " ", "\r", "\x7f", "\x03"


def spawn(*args: str, cwd: Path = REPO) -> pexpect.spawn:
    """``oir-bpmn ARGS`` in a pseudo-terminal wide enough that no question wraps."""
    env = dict(os.environ, TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1", NO_COLOR="1")
    child = pexpect.spawn(sys.executable, ["-m", "oir_bpmn.cli", *args], cwd=str(cwd), env=env,
                          encoding="utf-8", timeout=20, dimensions=(50, 220))
    return child


def answer(child: pexpect.spawn, question: str, *keys: str) -> None:
    """Wait for ``question``, then type ``keys`` (each sent on its own, as a person types)."""
    child.expect_exact(question)
    for key in keys:
        child.send(key)


def init_cli(*args: str):
    return CliRunner().invoke(main, ["init", *args])


def test_a_person_answers_in_a_terminal_corrects_a_value_and_says_ved_ikke(tmp_path):
    target = tmp_path / "odense.toml"
    child = spawn("init", "-o", str(target))
    answer(child, "Hvad hedder kommunen?", "Odense Kommune", ENTER)
    answer(child, "Tager vi imod kontanter, kort o.l. og registrerer manuelt?", ENTER)  # Ja (default)
    answer(child, "Kan man i dag betale i 3. parts produkter?", ENTER)
    answer(child, "Lægger vi manuelt mellemværender over i debitorsystemet?", DOWN, ENTER)  # Nej
    answer(child, "Hvilket debitorsystem bruger kommunen?", ENTER)
    answer(child, "Hvilke betalingsløsninger vil og kan kommunen tilbyde?", ENTER)
    answer(child, "Hvilke betalingsformer er tilkøbt i disse løsninger?", DOWN, DOWN, SPACE, ENTER)  # + Mastercard
    answer(child, "Bruger kommunen SafePay?", ENTER)
    answer(child, "Er kommunens SafePay integreret med debitorsystemet?", ENTER)
    answer(child, "Skal skranken fortsat tage imod betaling fremover?", ENTER)
    answer(child, "Hvor mange betalinger af mellemværender er der om året?", "mange", ENTER)
    child.expect_exact("'mange' er ikke et helt tal")  # the same question stays open with the message
    for key in [BACKSPACE] * 5 + list("12.000") + [ENTER]:
        child.send(key)
    answer(child, "Hvor mange gange om året gennemgår I betalingsløsningerne?", "1", ENTER)
    answer(child, "Hvordan låser vi i dag en låner op, der er blokeret?", DOWN, DOWN, DOWN, ENTER)  # Ved ikke
    answer(child, "Hvor mange blokerede lånere låses op om året?", "300", ENTER)
    answer(child, "Sender vi i dag SMS'er, mails, breve til e-Boks osv.?", ENTER)
    answer(child, "Vil biblioteket fortsat udsende saldoopgørelser?", ENTER)
    answer(child, "Hvor mange rykkerforløb er der om året?", ENTER)  # empty: ved ikke
    for question in ("Hvor mange mellemværender ændres om året, efter de er oversendt?",
                     "Hvor mange tilbagebetalinger (fx dobbeltbetalinger) er der om året?",
                     "Hvor mange biblioteksfordringer afskrives om året?",
                     "Hvor mange henvendelser om oversendte mellemværender er der om året?"):
        answer(child, question, ENTER)
    answer(child, "Registrerer vi i dag altid en økonomisk ansvarlig for mindreårige?", ENTER)
    answer(child, "Hvilke numre registrerer vi i dag for virksomheder og andre biblioteker?", ENTER)
    answer(child, "Hvor mange lånere oprettes om året?", ENTER)
    answer(child, "Hvem afstemmer i dag kontanter og MobilePay-indbetalinger?", ENTER)
    answer(child, "Hvem skal overvåge de opgaver, FBS opretter, når integrationen fejler?", DOWN, ENTER)
    answer(child, "Hvor mange fejlede oversendelser venter I om året?", ENTER)
    answer(child, "Vil kommunen slå erstatnings-CPR-nr. til i FBS?", ENTER)
    answer(child, "Hvor mange lånere uden CPR-nr. får mellemværender om året?", ENTER)
    answer(child, "Hvor mange årsværk arbejder i biblioteket med betalinger?", "1,5", ENTER)
    answer(child, "Hvor mange årsværk i debitor-/økonomiafdelingen arbejder med bibliotekskrav?", "ved ikke", ENTER)
    answer(child, "Hvor mange årsværk har ØiR-koordinatoren til opgaven?", ENTER)
    answer(child, "Hvor mange timer er et årsværk?", ENTER)
    child.expect_exact(f"oir-bpmn pack processes/ --profile {target} -o output/kommuner/")
    answer(child, "Byg workshoppakken nu?", "n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before

    written = tomllib.loads(target.read_text(encoding="utf-8"))
    assert written["ved_ikke"] == ["unlock_today", "volumes.tema3_opkraevning_rykkere",  # in the questions' order
                                   "volumes.tema3_aendring", "volumes.tema3_tilbagebetaling",
                                   "volumes.tema3_afskrivning", "volumes.tema3_henvendelser",
                                   "volumes.tema4_oprettelse_laanere", "volumes.tema6_overvaagning_fejl",
                                   "volumes.tema7_laanere_uden_cpr", "staff.finance", "staff.coordination"]
    assert "unlock_today" not in written  # "ved ikke" is listed, never written as a value
    assert written["volumes"] == {"tema1_betalingskanaler": 12000, "tema1_betalingsmuligheder": 1,
                                  "tema2_blokerede_laanere": 300}
    assert written["staff"] == {"library": 1.5} and written["fte_hours"] == 1924
    profile = load_profile(target)
    assert profile.name == "Odense Kommune" and profile.manual_transfer_today is False
    assert profile.payment_forms == ("Dankort", "Mastercard", "MobilePay") and profile.fbs_monitor == "coordination"
    assert profile.is_unknown("unlock_today") and profile.unlock_today == "skranke"  # the documented default
    assert profile.defaulted == ()
    text = target.read_text(encoding="utf-8")
    assert "# Lægger vi manuelt mellemværender over i debitorsystemet?\n" in text  # the question above its answer

    out = tmp_path / "packs"
    done = run_pack(out, "processes/", f"--profile={target}")
    assert done.returncode == 0, done.stderr + done.stdout
    front = lxml_html.parse(str(out / "odense" / "rapport.html")).getroot().find_class("front")[0]
    rows = {tr[0].text_content(): (tr[1].text_content(), tr[2].text_content())
            for tr in front.iter("tr") if len(tr) == 3 and tr[0].tag == "td"}
    assert rows["Kommune"][0] == "Odense Kommune"
    assert rows["Tilkøbte betalingsformer"][0] == "Dankort, Mastercard, MobilePay"
    assert rows["I dag: mellemværender lægges manuelt over i debitorsystemet"][0] == "Nej"
    assert rows["Overvåger FBS' opgaver fremover"][0] == "ØiR-koordinator"
    assert rows["I dag: sådan låses en blokeret låner op"][1] == \
        "Spørgsmål: Hvordan låser vi i dag en låner op, der er blokeret?"
    open_list = [li.text_content() for div in front.find_class("group")
                 if "Ubesvarede spørgsmål" in div.text_content() for li in div.iter("li")]
    assert "Spørgsmål: Hvordan låser vi i dag en låner op, der er blokeret?" in open_list
    assert "Spørgsmål: Hvor mange rykkerforløb er der om året?" in open_list
    assert len(open_list) == len(written["ved_ikke"]) == 11  # every "ved ikke", once


def test_ctrl_c_writes_nothing_and_keeps_the_existing_profile(tmp_path):
    target = tmp_path / "koebenhavn.toml"
    before = (REPO / "profiles" / "koebenhavn.toml").read_bytes()
    target.write_bytes(before)
    child = spawn("init", "-o", str(target))
    child.expect_exact("dens svar er standardsvarene")
    answer(child, "Hvad hedder kommunen?", ENTER)
    answer(child, "Tager vi imod kontanter, kort o.l. og registrerer manuelt?", DOWN, ENTER)
    answer(child, "Kan man i dag betale i 3. parts produkter?", CTRL_C)
    child.expect_exact("Afbrudt: intet er skrevet.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert target.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["koebenhavn.toml"]


def test_an_existing_profile_gives_the_defaults_and_is_overwritten_only_when_confirmed(tmp_path):
    target = tmp_path / "frederiksberg.toml"
    profile_text = (REPO / "profiles" / "frederiksberg.toml").read_text(encoding="utf-8")
    tables = profile_text.index("\n[")  # a setting of its own goes above the [volumes] and [staff] tables
    before = profile_text[:tables] + '\nbilletsystem = true  # kommunens egen\n' + profile_text[tables:]
    target.write_text(before, encoding="utf-8")
    child = spawn("init", "-o", str(target))
    child.expect_exact("Hvad hedder kommunen?")
    child.expect_exact("Frederiksberg Kommune")  # the existing answer is the default
    child.send(ENTER)
    for question in QUESTIONS[1:]:  # keep every other answer: Enter
        answer(child, question.text, ENTER)
    answer(child, "findes. Overskriv den med de nye svar?", "n")
    child.expect_exact("Intet er skrevet.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1 and target.read_text(encoding="utf-8") == before

    result = init_cli("--answers", str(ANSWERS / "koebenhavn.answers.toml"), "-o", str(target))
    assert result.exit_code == 1 and "--force" in result.stderr  # no prompt: never overwrites by itself
    partial = tmp_path / "partial.toml"
    partial.write_text('unlock_today = "vent"\n', encoding="utf-8")
    result = init_cli("--answers", str(partial), "-o", str(target), "--force")
    assert result.exit_code == 0, result.output
    profile = load_profile(target)
    old = load_profile(REPO / "profiles" / "frederiksberg.toml")
    assert profile.unlock_today == "vent"
    assert all(getattr(profile, n) == getattr(old, n) for n in STANDARD if n != "unlock_today")
    assert profile.get("billetsystem") is True  # the municipality's own setting is kept
    assert "debtor_system = \"SAP\"  # eksempel – bekræft" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["koebenhavn", "frederiksberg"])
def test_the_hand_written_profiles_recreated_through_answers_build_the_same(tmp_path, name):
    target = tmp_path / f"{name}.toml"
    result = init_cli("--answers", str(ANSWERS / f"{name}.answers.toml"), "-o", str(target))
    assert result.exit_code == 0, result.output
    # København's answers leave out theme 6's cases and fte_hours; Frederiksberg's answer or list them
    assert ("svarer ikke på 2 spørgsmål; de får standardsvaret: volumes.tema6_overvaagning_fejl, fte_hours"
            in result.stderr) == (name == "koebenhavn")
    made, hand = load_profile(target), load_profile(REPO / "profiles" / f"{name}.toml")
    assert {n: getattr(made, n) for n in STANDARD} == {n: getattr(hand, n) for n in STANDARD}
    # the differences: the workload answers, and the "ved ikke" questions (cases and staff left open)
    assert hand.unknown == () and hand.custom == ()
    assert made.unknown and all(n.startswith(("volumes.", "staff.")) for n in made.unknown)
    assert {n for n, _ in made.custom} <= {"fte_hours", "volumes", "staff"}
    builds = {}
    for label, profile in (("made", target), ("hand", REPO / "profiles" / f"{name}.toml")):
        out = tmp_path / label
        result = CliRunner().invoke(main, ["build", "processes/", "--format", "bpmn", "-o", str(out),
                                           "--profile", str(profile)])
        assert result.exit_code == 0, result.output
        builds[label] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*.bpmn"))}
    assert builds["made"] and builds["made"] == builds["hand"]


def test_defaults_write_a_profile_the_pack_loads_and_say_the_pack_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = init_cli("--defaults", "--kommune", "Aabenraa Kommune")
    assert result.exit_code == 0, result.output
    target = tmp_path / "profiles" / "aabenraa.toml"
    assert "oir-bpmn pack processes/ --profile profiles/aabenraa.toml -o output/kommuner/" in result.output
    profile = load_profile(target)
    assert profile.name == "Aabenraa Kommune" and profile.defaulted == ()
    assert sorted(profile.unknown) == sorted(tomllib.loads(target.read_text(encoding="utf-8"))["ved_ikke"])


@pytest.mark.parametrize("answers, line, message", [
    ('name = "Testby"\nunlock_today = "ringer"\n', 2, "vælg en af"),
    ('name = "Testby"\n\npayment_forms = []\n', 3, "vælg mindst én"),
    ('name = "Testby"\n[volumes]\ntema2_blokerede_laanere = -4\n', 3, "kan ikke være negativt"),
    ('name = "Testby"\nsafepay = "ja"\n', 2, "skal være true"),
    ('name = "Testby"\ndesk_paymnt_today = true\n', 2, "did you mean 'desk_payment_today'"),
])
def test_a_wrong_answer_in_an_answers_file_is_reported_at_its_line_and_nothing_is_written(
        tmp_path, answers, line, message):
    path = tmp_path / "svar.toml"
    path.write_text(answers, encoding="utf-8")
    result = init_cli("--answers", str(path), "-o", str(tmp_path / "ud.toml"))
    assert result.exit_code == 1
    assert f"svar.toml:{line}:" in result.stderr and message in result.stderr
    assert "Traceback" not in result.output + result.stderr and not (tmp_path / "ud.toml").exists()


def test_paths_that_cannot_be_written_are_refused_before_the_first_question(tmp_path):
    blocker = tmp_path / "fil.txt"
    blocker.write_text("x", encoding="utf-8")
    result = init_cli("--defaults", "-o", str(blocker / "profil.toml"))
    assert result.exit_code == 1 and "er ikke en mappe" in result.stderr and "intet er skrevet" in result.stderr
    result = init_cli("--defaults", "-o", str(tmp_path))
    assert result.exit_code != 0 and "Traceback" not in result.output
    child = spawn("init", "-o", str(blocker / "profil.toml"))
    child.expect_exact("er ikke en mappe")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1 and "Hvad hedder" not in child.before


def test_without_a_terminal_init_asks_for_answers_instead_of_hanging(tmp_path):
    result = CliRunner().invoke(main, ["init", "-o", str(tmp_path / "x.toml")], input="")
    assert result.exit_code == 1 and "--answers" in result.stderr and not (tmp_path / "x.toml").exists()
