"""Names and identifiers of the Bulgarian demo company's clients and people.

One job: what a Bulgarian client or person is called — person names (Faker ``bg_BG``, seeded,
drawing among common given names and surnames: Faker's own bg_BG surname list is mostly
humorous), company names with their legal form (ЕООД, ООД, АД, ЕТ), the 9-digit ЕИК (BULSTAT)
with its official check digit (:func:`eik_check_digit`), street addresses, phones and e-mail
addresses. The draws use the caller's ``numpy`` random stream and one seeded Faker.
"""

from __future__ import annotations

import numpy as np
from faker import Faker

from kbcore.ids import eik_check_digit, eik_valid

__all__ = ["BgNames", "eik_check_digit", "eik_valid", "eik_codes", "company_names", "translit"]

_MALE = ["Иван", "Георги", "Димитър", "Николай", "Петър", "Христо", "Стоян", "Тодор", "Васил",
         "Александър", "Стефан", "Атанас", "Йордан", "Красимир", "Пламен", "Илия", "Ангел",
         "Мартин", "Калоян", "Владимир", "Емил", "Борислав", "Цветан", "Любомир", "Асен",
         "Веселин", "Драгомир", "Кирил", "Методи", "Радослав", "Симеон", "Теодор", "Валентин"]
_FEMALE = ["Мария", "Иванка", "Елена", "Йорданка", "Пенка", "Даниела", "Десислава", "Гергана",
           "Надежда", "Милена", "Петя", "Радка", "Росица", "Силвия", "Теодора", "Вяра", "Цветелина",
           "Биляна", "Виолета", "Снежана", "Калина", "Николета", "Антоанета", "Галина"]
_SURNAMES = ["Иванов", "Петров", "Георгиев", "Димитров", "Николов", "Стоянов", "Христов",
             "Тодоров", "Илиев", "Ангелов", "Атанасов", "Василев", "Петков", "Костов", "Маринов",
             "Колев", "Русев", "Йорданов", "Стефанов", "Михайлов", "Кирилов", "Александров",
             "Павлов", "Попов", "Цветков", "Симеонов", "Младенов", "Найденов", "Янков", "Лазаров",
             "Славов", "Митев", "Желев", "Станчев", "Радев", "Ганев", "Добрев", "Енчев",
             "Кръстев", "Любенов", "Пенев", "Тончев", "Узунов", "Чакъров", "Шишков", "Вълчев"]

# company-name parts by segment
_WORDS = {
    "autoservice": (["Авто", "Мото", "Карс", "Драйв", "Турбо", "Пит", "Мастер", "Спийд", "Профи"],
                    ["сервиз", "център", "техник", "клиник", "експерт", "гараж", "комфорт"]),
    "transport": (["Транс", "Карго", "Евро", "Балкан", "Експрес", "Логи", "Рут", "Тир", "Глобал"],
                  ["логистик", "транс", "карго", "спед", "лайн", "мобил", "трак", "експрес"]),
    "agro": (["Агро", "Зърно", "Нива", "Тракия", "Дунав", "Златно поле", "Житен", "Земя", "Плод"],
             [" агро", "комплекс", " фарм", "продукт", "инвест", " кооп", "плод", "ферма"]),
    "industrial": (["Метал", "Хидро", "Пласт", "Машин", "Техно", "Енерго", "Промо", "Инокс"],
                   ["строй", "индъстрис", "пресс", "комплект", "инженеринг", "тех", "продукт"]),
    "retail": (["Ойл", "Авто", "Лукс", "Мега", "Старт", "Ауто", "Мобил", "Смарт"],
               ["маркет", "части", "трейд", "дистрибуция", "шоп", "снаб", "търговия"]),
    "construction": (["Строй", "Билд", "Пътстрой", "Инфра", "Бетон", "Монолит", "Гранит"],
                     ["инженеринг", "строй", "груп", "проект", "инвест", "механизация"]),
}
_PLANTS = ["Машиностроителен завод", "Завод за помпи", "Завод за лагери", "Леярна",
           "Завод за метални конструкции", "Хранителен комбинат", "Химически завод",
           "Завод за опаковки"]
STREETS = ["„Васил Левски“", "„Христо Ботев“", "„Цар Освободител“", "„Шипка“", "„Раковски“",
           "„Иван Вазов“", "„Княз Борис I“", "„Индустриална“", "„Гео Милев“",
           "„Александър Стамболийски“", "„Славянска“", "„Съединение“", "„Освобождение“",
           "„Христо Смирненски“", "„Търговска“", "„Хан Аспарух“", "„България“", "„Заводска“"]
_TRANSLIT = dict(zip("абвгдежзийклмнопрстуфхцчшщъьюя",
                     ["a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
                      "p", "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "sht", "a", "y", "yu",
                      "ya"], strict=True))


def translit(word: str) -> str:
    """A Bulgarian word in Latin letters (the official streamlined system), alphanumerics only."""
    return "".join(_TRANSLIT.get(ch, ch) for ch in word.lower() if ch.isalnum() and ch.isascii()
                   or ch in _TRANSLIT)


def eik_codes(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` unique valid 9-digit ЕИК codes (companies' codes start with 1 or 2)."""
    out, seen = [], set()
    while len(out) < n:
        first = str(int(rng.choice([1, 2], p=[0.35, 0.65])))
        body = first + f"{int(rng.integers(0, 10**7)):07d}"
        code = body + str(eik_check_digit(body))
        if code not in seen:
            seen.add(code)
            out.append(code)
    return out


class BgNames:
    """Person names from a seeded Faker ``bg_BG``: "Име Фамилия" (common names)."""

    def __init__(self, seed: int):
        self.faker = Faker("bg_BG")
        self.faker.seed_instance(seed)

    def full(self, female: bool) -> str:
        """"Име Фамилия" (a woman's surname in -а)."""
        f = self.faker
        last = f.random_element(_SURNAMES)
        if female:
            return f"{f.random_element(_FEMALE)} {last}а"
        return f"{f.random_element(_MALE)} {last}"


def company_names(rng: np.random.Generator, names: BgNames, seg_keys: np.ndarray,
                  cities: list[str], big: np.ndarray) -> tuple[list[str], list[str], list[str]]:
    """Legal names, name roots (for e-mail addresses) and owners (ЕТ) of the clients.

    Forms: ЕТ „Име Фамилия – NN“ (sole traders: small auto services, farms), АД (large
    industrial and transport clients, some plants named after their town), ООД, ЕООД.
    """
    out, roots, owners, seen = [], [], [], set()
    for i, seg in enumerate(seg_keys):
        owner = ""
        for attempt in range(60):
            r = rng.random()
            if not big[i] and seg in ("autoservice", "agro") and r < 0.22:
                owner = names.full(bool(rng.random() < 0.2))
                root = owner
                name = f"ЕТ „{owner}{' – ' + str(int(rng.integers(1, 99))) if attempt or rng.random() < 0.5 else ''}“"
            elif seg == "industrial" and r < 0.35:
                root = f"{_PLANTS[int(rng.integers(len(_PLANTS)))]} {cities[i]}"
                form = "АД" if big[i] or rng.random() < 0.5 else "ЕООД"
                name = f"„{root}“ {form}" if not attempt else f"„{root} {attempt}“ {form}"
            else:
                heads, tails = _WORDS[seg]
                head = heads[int(rng.integers(len(heads)))]
                tail = tails[int(rng.integers(len(tails)))]
                if tail.strip().startswith(head.lower()[:3]) or head.lower().startswith(tail.strip()[:3]):
                    continue  # no "Логилогистик"
                root = head + tail
                if attempt > 2 or rng.random() < 0.2:
                    root += f" {['2000', 'БГ', 'Плюс', 'Груп', cities[i]][int(rng.integers(5))]}"
                form = ("АД" if big[i] and rng.random() < 0.4
                        else ["ЕООД", "ООД"][int(rng.random() < 0.4)])
                name = f"„{root}“ {form}"
            if name not in seen:
                break
        else:
            name = f"„{root} {i}“ ЕООД"
        seen.add(name)
        out.append(name)
        roots.append(root)
        owners.append(owner)
    return out, roots, owners
