"""Names and identifiers of the demo company's clients and people.

One job: everything a client or a person is called — legal names of companies (built from
Russian name parts, plants named after their region), person names (Faker ``ru_RU`` surnames
with common given names and patronymics), street names, the Latin transliteration used in
e-mail addresses, and valid unique tax IDs (ИНН). The draws use the generator's one
``numpy`` random stream and the one seeded Faker, in the order the caller asks.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from faker import Faker
from faker.providers.person.ru_RU import Provider

from kbcore.demo.company import SEGMENTS
from kbcore.demo.draws import choice
from kbcore.ids import INN_WEIGHTS

# company names
NAME_HEADS = ["Строй", "Урал", "Сиб", "Тех", "Пром", "Энерго", "Метал", "Монтаж", "Техно", "Спец",
              "Евро", "Гранд", "Проф", "Инвест", "Снаб", "Регион", "Кама", "Волга", "Север",
              "Нефте", "Газ", "Агро", "Дор", "Мост", "Электро", "Термо", "Гидро", "Экс", "Стан"]
NAME_TAILS = ["ресурс", "мет", "снаб", "комплект", "строй", "монтаж", "сервис", "торг", "маш",
              "пром", "групп", "инвест", "техника", "систем", "логистик", "профиль", "холдинг",
              "маркет", "дом", "лайн", "эксперт", "трейд", "альянс", "центр", "проект", "деталь"]
NAME_WORDS = ["Гранит", "Вектор", "Магистраль", "Каскад", "Меридиан", "Эталон", "Фундамент",
              "Атлант", "Орион", "Континент", "Аспект", "Базис", "Интеграл", "Монолит", "Квадрат",
              "Олимп", "Спектр", "Форпост", "Арсенал", "Партнёр", "Союз", "Прогресс", "Импульс",
              "Технолайн", "Стандарт", "Кварц", "Зенит", "Альтаир", "Горизонт", "Феникс"]
NAME_MARKS = ["-Урал", "-Плюс", "-М", "-Сервис", "-Центр", "-Групп", "-Регион", "-Восток"]
PLANT_KINDS = ["механический завод", "завод металлоконструкций", "машиностроительный завод",
               "завод ЖБИ", "котельный завод", "литейный завод", "арматурный завод",
               "трубный завод", "кабельный завод", "завод нефтяного оборудования",
               "приборостроительный завод", "ремонтный завод"]
PLANT_ADJ = {0: ["Уральский", "Среднеуральский", "Тагильский", "Исетский"],
             1: ["Южноуральский", "Челябинский", "Магнитогорский"],
             2: ["Пермский", "Камский", "Прикамский"], 3: ["Тюменский", "Западносибирский"],
             4: ["Башкирский", "Уфимский", "Бельский"], 5: ["Казанский", "Волжский", "Закамский"],
             6: ["Курганский", "Зауральский"], 7: ["Сургутский", "Обский", "Югорский"],
             8: ["Новосибирский", "Сибирский", "Обской"], 9: ["Московский", "Подмосковный"]}
STREETS = ["Ленина", "Мира", "Советская", "Заводская", "Промышленная", "Гагарина", "Кирова",
           "Строителей", "Победы", "Октябрьская", "Садовая", "Лесная", "Первомайская",
           "Комсомольская", "Индустриальная", "Складская", "Энтузиастов", "Машиностроителей",
           "Фрунзе", "Чкалова", "Луначарского", "Пушкина"]
_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n",
                      "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "sch", "", "y", "",
                      "e", "yu", "ya"], strict=True))

# common given names (Faker's ru_RU lists hold many rare ones; these are drawn from them)
_MALE_COMMON = ["Александр", "Алексей", "Андрей", "Антон", "Артём", "Борис", "Вадим", "Валерий",
                "Василий", "Виктор", "Виталий", "Владимир", "Владислав", "Вячеслав", "Геннадий",
                "Георгий", "Денис", "Дмитрий", "Евгений", "Егор", "Иван", "Игорь", "Илья",
                "Кирилл", "Константин", "Леонид", "Максим", "Михаил", "Никита", "Николай", "Олег",
                "Павел", "Пётр", "Роман", "Руслан", "Сергей", "Станислав", "Степан", "Тимур",
                "Юрий", "Ярослав", "Анатолий", "Григорий", "Эдуард", "Марат", "Ринат"]
_FEMALE_COMMON = ["Анна", "Алина", "Валентина", "Виктория", "Галина", "Дарья", "Екатерина",
                  "Елена", "Ирина", "Марина", "Мария", "Наталья", "Ольга", "Светлана", "Татьяна",
                  "Юлия", "Оксана", "Людмила", "Надежда", "Ксения", "Анастасия", "Евгения",
                  "Вера", "Лариса", "Любовь", "Полина", "Кристина", "Олеся"]
_PATRONYMIC_COMMON = ["Александр", "Алексе", "Андре", "Анатол", "Борис", "Васил", "Виктор",
                      "Владимир", "Геннад", "Дмитри", "Евген", "Иван", "Игор", "Константин",
                      "Михайл", "Никола", "Олег", "Павл", "Петр", "Серге", "Юрь", "Валер",
                      "Григор", "Леонид", "Степан", "Фёдор", "Федор", "Николаев"]


def translit(word: str) -> str:
    """A Russian word in Latin letters, alphanumerics only (for e-mail addresses)."""
    return "".join(_TRANSLIT.get(ch, ch) for ch in word.lower() if ch.isalnum())


def tax_ids(rng: np.random.Generator, region_codes: np.ndarray, person: np.ndarray) -> np.ndarray:
    """Valid, unique Russian tax IDs: 10 digits (organisations) or 12 (individual entrepreneurs).

    Check digits per the Federal Tax Service algorithm: n10 = (Σ w_i d_i mod 11) mod 10 with
    w = 2 4 10 3 5 9 4 6 8; for 12 digits n11 with w = 7 2 4 10 3 5 9 4 6 8 and n12 with
    w = 3 7 2 4 10 3 5 9 4 6 8. Region codes below 10 give IDs with a leading zero.
    """
    n = len(region_codes)
    w10, w11, w12 = INN_WEIGHTS[10], INN_WEIGHTS[11], INN_WEIGHTS[12]
    out = np.empty(n, dtype=object)
    todo = np.arange(n)
    seen: set[str] = set()
    while len(todo):
        m = len(todo)
        d = np.zeros((m, 12), dtype=np.int64)
        d[:, 0] = region_codes[todo] // 10
        d[:, 1] = region_codes[todo] % 10
        office = rng.integers(1, 40, m)
        d[:, 2], d[:, 3] = office // 10, office % 10
        d[:, 4:10] = rng.integers(0, 10, (m, 6))
        org = ~person[todo]
        c10 = (d[:, :9] @ w10) % 11 % 10
        d[org, 9] = c10[org]
        c11 = (d[:, :10] @ w11) % 11 % 10
        d[:, 10] = c11
        c12 = (d[:, :11] @ w12) % 11 % 10
        d[:, 11] = c12
        retry = []
        for j, i in enumerate(todo):
            digits = d[j, :10] if org[j] else d[j]
            s = "".join(map(str, digits))
            if s in seen:
                retry.append(i)
            else:
                seen.add(s)
                out[i] = s
        todo = np.array(retry, dtype=np.int64)
    return out


class Names:
    """Person names from Faker ru_RU (surnames as Faker draws them, common given names)."""

    def __init__(self, seed: int):
        self.faker = Faker("ru_RU")
        self.faker.seed_instance(seed)
        self.male = [n for n in Provider.first_names_male if n in _MALE_COMMON] or list(
            Provider.first_names_male)
        self.female = [n for n in Provider.first_names_female if n in _FEMALE_COMMON] or list(
            Provider.first_names_female)
        self.mid_m = [n for n in Provider.middle_names_male
                      if any(n.startswith(p) for p in _PATRONYMIC_COMMON)] or list(
            Provider.middle_names_male)
        self.mid_f = [n for n in Provider.middle_names_female
                      if any(n.startswith(p) for p in _PATRONYMIC_COMMON)] or list(
            Provider.middle_names_female)

    def full(self, female: bool) -> str:
        """"Фамилия Имя Отчество"."""
        f = self.faker
        if female:
            return f"{f.last_name_female()} {f.random_element(self.female)} {f.random_element(self.mid_f)}"
        return f"{f.last_name_male()} {f.random_element(self.male)} {f.random_element(self.mid_m)}"


def company_names(rng: np.random.Generator, names: Names, plan: pd.DataFrame,
                  person: np.ndarray) -> tuple[list, list, list]:
    """Legal names, e-mail domains and the owner names of sole traders."""
    seen: set[str] = set()
    out, roots, owners = [], [], []
    for i in range(len(plan)):
        seg = SEGMENTS[int(plan["seg"].iat[i])].key
        reg = int(plan["region"].iat[i])
        owner = None
        if person[i]:
            owner = names.full(bool(rng.random() < 0.25))
            last, first, mid = owner.split()
            name, root = f"ИП {last} {first[0]}.{mid[0]}.", last
        else:
            for attempt in range(50):
                r = rng.random()
                if seg == "industrial" and r < 0.55:
                    adj = PLANT_ADJ[reg][int(rng.integers(len(PLANT_ADJ[reg])))]
                    plant = PLANT_KINDS[int(rng.integers(len(PLANT_KINDS)))]
                    root = f"{adj} {plant}"
                    form = ["АО", "ПАО", "ООО"][int(choice(rng, [.6, .1, .3], 1)[0])]
                    name = f"{form} «{root}»"
                else:
                    if rng.random() < 0.55:
                        head = NAME_HEADS[int(rng.integers(len(NAME_HEADS)))]
                        tail = NAME_TAILS[int(rng.integers(len(NAME_TAILS)))]
                        if head.lower().startswith(tail[:4]) or tail.startswith(head.lower()[:4]):
                            continue
                        root = head + tail
                    else:
                        root = NAME_WORDS[int(rng.integers(len(NAME_WORDS)))]
                    if attempt > 3 or rng.random() < 0.15:
                        root += NAME_MARKS[int(rng.integers(len(NAME_MARKS)))]
                    if seg == "construction" and rng.random() < 0.4:
                        inner = f"СК «{root}»"
                    elif seg in ("wholesale", "retail") and rng.random() < 0.45:
                        inner = f"ТД «{root}»"
                    else:
                        inner = root
                    form = "АО" if seg != "installers" and rng.random() < 0.12 else "ООО"
                    name = f"{form} «{inner}»"
                if name not in seen:
                    break
            else:
                name = f"{name[:-1]}-{i}»"
        seen.add(name)
        out.append(name)
        roots.append(root)
        owners.append(owner)
    return out, roots, owners
