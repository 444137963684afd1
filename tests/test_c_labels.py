"""Chart labels: a person's name as surname and initials, long labels fitted without cutting words."""

import math

import pandas as pd
import pytest

from kbcore.views.labels import fit_label, short_person_name, short_person_names


@pytest.mark.parametrize(("name", "short"), [
    ("Калашникова Светлана Игоревна", "Калашникова С."),
    ("Носов Геннадий Дмитриевич", "Носов Г."),
    ("Стрелкова Полина", "Стрелкова П."),
    ("Иванов", "Иванов"),
    ("Smith John Henry", "Smith J."),
    ("Smith John", "Smith J."),
    ("Smith", "Smith"),
    ("  Калашникова   светлана  ", "Калашникова С."),  # spaces and case of a sloppy export
    ("Петрова Анна-Мария", "Петрова А.-М."),
    ("Иванов И. И.", "Иванов И."),
    ("", ""),
    ("   ", ""),
    (None, ""),
    (math.nan, ""),
    (pd.NA, ""),
])
def test_short_person_name(name, short):
    assert short_person_name(name) == short


def test_short_person_name_with_both_initials():
    assert short_person_name("Калашникова Светлана Игоревна", initials=2) == "Калашникова С. И."
    assert short_person_name("Smith John Henry", initials=2) == "Smith J. H."
    assert short_person_name("Иванов И. И.", initials=2) == "Иванов И. И."  # already short
    assert short_person_name("Калашникова Светлана Игоревна", initials=0) == "Калашникова"


def test_short_person_names_add_initials_only_where_two_would_read_alike():
    names = ["Калашникова Светлана Игоревна", "Калашникова Светлана Петровна",
             "Носов Геннадий Дмитриевич", None, "Smith John"]
    assert short_person_names(names) == [
        "Калашникова С. И.", "Калашникова С. П.", "Носов Г.", "", "Smith J."]
    # the same person twice is not a clash
    same = ["Носов Геннадий Дмитриевич", "Носов Геннадий Дмитриевич"]
    assert short_person_names(same) == ["Носов Г.", "Носов Г."]
    assert short_person_names([]) == []


@pytest.mark.parametrize(("text", "width", "lines", "fitted"), [
    ("Калашникова Светлана Игоревна", 28, 2, "Калашникова Светлана\nИгоревна"),
    ("Калашникова Светлана Игоревна", 14, 2, "Калашникова\nСветлана…"),
    ("Калашникова Светлана Игоревна", 14, 1, "Калашникова…"),
    ("Калашникова Светлана Игоревна", 40, 2, "Калашникова Светлана Игоревна"),
    ("Key account managers of the north region", 15, 2, "Key account\nmanagers of…"),
    ("Key", 15, 2, "Key"),
    ("Электротехническое", 8, 2, "Электротехническое"),  # one long word: whole, never cut
    ("Строительные компании Электротехническое", 8, 1, "Строительные…"),
    ("", 10, 2, ""),
    (None, 10, 2, ""),
])
def test_fit_label(text, width, lines, fitted):
    assert fit_label(text, width, lines) == fitted


def test_fit_label_never_cuts_a_word():
    text = "ООО «СК «Горизонт-Регион»» Республика Татарстан, Казань, ул. Складская"
    for width in range(4, 40):
        for lines in (1, 2, 3):
            fitted = fit_label(text, width, lines)
            words = fitted.replace("\n", " ").removesuffix("…").split(" ")
            assert all(w in text.split(" ") for w in words), (width, lines, fitted)
            assert fitted.count("\n") < lines
