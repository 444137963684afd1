"""Block 2 · list or base: completeness of the base's components on hand-made tables and the demo."""

import numpy as np
import pandas as pd
import pytest

from kbcore.analyses import completeness as B
from kbcore.analyses import lifecycle as L
from kbcore.facts import Facts
from kbcore.i18n import fmt_date, t
from kbcore.views import completeness as V


def _clients():
    """Four cards; what is known is written in each column."""
    return pd.DataFrame(
        {
            "client_id": ["1", "2", "3", "4"],
            "name": ["A", "B", "C", "D"],
            "tax_id": ["0101", "0202", None, "0404"],
            "phone": ["+7", None, "+7", None],
            "email": [None, "b@x", None, None],
            "address": ["a", "b", "c", "  "],  # blank counts as unknown
            "decision_maker": ["Ivanov", None, "Petrov", "Sidorov"],
            "segment": ["S1", "S2", None, "S1"],
            "industry": ["i", "i", "i", None],
            "size": ["small", None, "large", "small"],
            "status": ["active", "active", "inactive", None],
            "manager": ["m", "m", "m", "m"],
            "potential": [100.0, 0.0, np.nan, 50.0],
        }
    ).astype({c: "string" for c in ["client_id", "name", "tax_id", "phone", "email", "address",
                                    "decision_maker", "segment", "industry", "size", "status",
                                    "manager"]})


def _contacts():
    # client 2 has a decision maker among its contacts (not in its card)
    return pd.DataFrame({"client_id": ["2", "2", "4"], "contact_id": ["c1", "c2", "c3"],
                         "buying_role": ["buyer", "decision_maker", "user"]})


def _interactions():
    return pd.DataFrame({"client_id": ["1", "1", "3", "4"],
                         "date": pd.to_datetime(["2024-06-01", "2023-01-01", "2024-12-31",
                                                 "2023-12-31"])})


def _stages():
    return pd.DataFrame({"client_id": ["1", "2", "3"], "stage": ["regular", "lost", "new"],
                         "as_of": pd.Timestamp("2024-12-31")})


def test_card_fields_by_hand():
    f = B.card_fields(_clients(), _contacts()).set_index("field")
    assert list(f.index) == [*B.CARD_FIELDS, "complete"]
    assert f.loc["tax_id", "clients_known"] == 3
    assert f.loc["address", "clients_known"] == 3
    assert f.loc["decision_maker", "clients_known"] == 4  # 1, 3, 4 in the card + 2 by contact
    # complete: 1 (tax, phone, address, DM) and 2 (tax, email, address, DM by contact);
    # 3 has no tax ID, 4 no phone/e-mail and a blank address
    assert f.loc["complete", "clients_known"] == 2
    assert f.loc["complete", "known_share"] == pytest.approx(0.5)


def test_completeness_by_hand():
    c = B.base_completeness(_clients(), _interactions(), _contacts(), _stages())
    assert list(c.columns) == B.COMPLETENESS_COLUMNS
    assert list(c["component"]) == list(B.COMPONENTS)
    known = c.set_index("component")["clients_known"].to_dict()
    assert known == {
        "card": 2,
        "segment": 3,
        "profile": 2,  # 1 and 3 have industry and size
        "status": 3,
        "manager": 4,
        "interactions": 2,  # in 2024-01-01..2024-12-31: clients 1 and 3
        "stage": 3,
        "potential": 2,  # 0 and NaN are not a potential
    }
    assert (c["clients"] == 4).all()
    assert list(c["ok"]) == [False, False, False, False, True, False, False, False]
    c = B.base_completeness(_clients(), _interactions(), _contacts(), _stages(),
                            threshold=0.5, thresholds={"manager": 1.0, "stage": 0.9})
    ok = c.set_index("component")["ok"].to_dict()
    assert ok["card"] and ok["profile"] and ok["manager"] and not ok["stage"]
    assert ok["status"] and ok["segment"]


def test_interaction_window_and_as_of():
    c = B.base_completeness(_clients(), _interactions(), None, _stages(), as_of="2023-12-31")
    assert c.set_index("component").loc["interactions", "clients_known"] == 2  # 1 and 4
    c = B.base_completeness(_clients(), _interactions(), None, None, interaction_months=36)
    # as_of = the last interaction (2024-12-31): all since 2022-01-01
    assert c.set_index("component").loc["interactions", "clients_known"] == 3


def test_universe_includes_clients_with_a_stage_but_no_card():
    stages = pd.concat([_stages(), pd.DataFrame({"client_id": ["9"], "stage": ["new"],
                                                 "as_of": pd.Timestamp("2024-12-31")})])
    c = B.base_completeness(_clients(), None, None, stages).set_index("component")
    assert (c["clients"] == 5).all()
    assert c.loc["stage", "clients_known"] == 4


def test_verdicts():
    full = pd.DataFrame({"component": list(B.COMPONENTS), "known_share": 0.9,
                         "clients_known": 9, "clients": 10, "threshold": 0.8, "ok": True,
                         "available": True})
    v = B.base_verdict(full)
    assert v.verdict == "base" and v.ok == 8 and v.reasons == ()
    half = full.assign(ok=[True] * 4 + [False] * 4)
    v = B.base_verdict(half)
    assert v.verdict == "partly" and len(v.reasons) == 4
    assert V.verdict_text(v, "ru") == "Отчасти база: данных хватает по 4 из 8 компонентов."
    assert V.verdict_text(v, "en") == "Partly a base: 4 of 8 components are known for enough clients."
    assert V.verdict_text(v, "bg") == "Отчасти база: 4 от 8 компонента са известни за достатъчно клиенти."
    few = full.assign(ok=[True] * 3 + [False] * 5, available=[True] * 7 + [False])
    v = B.base_verdict(few)
    assert v.verdict == "list"
    assert "not in your data" in V.verdict_reasons(v, few)[-1]
    assert "unknown for 1 client (" in V.verdict_reasons(v, few)[0]
    assert "нет у 1 клиента (" in V.verdict_reasons(v, few, "ru")[0]


def test_sales_only_export_is_a_list_not_a_crash():
    clients = pd.DataFrame({"client_id": ["1", "2"], "name": ["A", "B"]}).astype("string")
    sales = pd.DataFrame({"client_id": ["1", "2"], "date": pd.to_datetime(["2024-01-01"] * 2),
                          "revenue": [1.0, 2.0]}).astype({"client_id": "string"})
    stages = L.client_stages(Facts(sales), clients)
    c = B.base_completeness(clients, None, None, stages)
    assert c.set_index("component").loc["stage", "ok"]
    v = B.base_verdict(c)
    assert v.verdict == "list" and len(v.reasons) == 7
    assert B.status_vs_stage(clients, stages).empty
    kf = V.completeness_figures(c, v, None, "ru")
    assert list(kf.columns) == [t("col.figure", "ru"), t("col.value", "ru")]
    assert kf.iloc[0, 1] == t("base.verdict_short.list", "ru")
    # nothing at all
    c = B.base_completeness(None, None, None, None)
    assert (c["clients"] == 0).all() and c["known_share"].isna().all()
    assert B.base_verdict(c).verdict == "list"


def test_key_figures_of_a_sales_only_export_are_honest(tmp_path):
    """A sales-only export (no clients, contacts or interactions files, no status): the
    figures that need the client cards say "no data", the others are values."""
    from kbcore import load
    from kbcore.views.figures import is_missing, missing

    (tmp_path / "sales.csv").write_text(
        "client_id;name;date;doc_id;revenue\n"
        "1;A;15.01.2023;d1;100\n1;A;15.03.2024;d2;200\n2;B;01.02.2023;d3;50\n"
        "3;C;01.12.2024;d4;70\n", encoding="utf-8")
    ds = load(tmp_path)
    assert ds.contacts is None and ds.interactions is None and "status" not in ds.clients
    facts = Facts.of(ds)
    stages = L.client_stages(facts, ds.clients)
    c = B.base_completeness(ds.clients, ds.interactions, ds.contacts, stages)
    v = B.base_verdict(c)
    summary = L.stage_summary(L.stage_history(facts, ds.clients, dates=L.year_end_dates(facts)))
    for lang in ("en", "ru"):
        kf = V.completeness_figures(c, v, summary, lang)
        values = dict(zip(kf.iloc[:, 0], kf.iloc[:, 1], strict=True))
        needs = dict(zip(kf.iloc[:, 0], kf.attrs["needs"], strict=True))
        assert len(kf) == 8  # verdict, ok, weakest, 4 stage rows, lost growth 2023 → 2024
        for label, value in values.items():
            # every figure that needs a table the export lacks says so; the others are values
            assert is_missing(value) == (needs[label] is not None), (label, value)
        assert values[t("kf.base_weakest", lang)] == missing("need.base.cards", lang)
        assert values[t("kf.base_verdict", lang)] == t("base.verdict_short.list", lang)
        assert values[t("kf.base_ok", lang)] == t("kf.base_ok_value", lang, ok="1", total="8")
        # the stages need only the sales
        date = fmt_date(pd.Timestamp("2024-12-01"), lang)
        assert values[t("kf.stage_clients", lang, date=date)] == "3"
    # by hand on 1 Dec 2024 (the last sales day): client 1 came back on 15 Mar 2024 after 425
    # silent days but 261 days ago (won back only for 180), is the largest buyer of the window
    # (the top 3 % of 2 buying clients = 1 client) → key; 2 silent for 669 days → lost; 3 bought
    # first that day → new
    assert dict(zip(stages["client_id"], stages["stage"], strict=True)) == {
        "1": "key", "2": "lost", "3": "new"}
    assert V.status_table(B.status_vs_stage(ds.clients, stages), "en").empty


def test_key_figures_need_only_what_they_name():
    """A figure's ``needs`` is None exactly when it is computed from the sales alone."""
    c = B.base_completeness(_clients(), _interactions(), _contacts(), _stages())
    kf = V.completeness_figures(c, B.base_verdict(c), None, "en")
    assert kf.attrs["needs"] == [None, None, "clients"]
    # weakest among the components in the data: card, interactions and profile at 50 %; the
    # first by id wins the tie
    assert kf.iloc[2, 1] == "Client card: 50%"
    # a component that is not in the data is not the weakest: it is named in the verdict
    bare = c.assign(available=c["component"] != "card")
    kf = V.completeness_figures(bare, B.base_verdict(bare), None, "en")
    assert kf.iloc[2, 1] == "Interaction history, 12 months: 50%"


def test_bad_parameters():
    with pytest.raises(ValueError, match="unknown component"):
        B.base_completeness(_clients(), thresholds={"vip": 0.5})
    with pytest.raises(ValueError):
        B.base_completeness(_clients(), threshold=1.5)
    with pytest.raises(ValueError):
        B.base_completeness(_clients(), interaction_months=0)


def test_status_vs_stage_by_hand():
    table = V.status_table(B.status_vs_stage(_clients(), _stages()), "en")
    assert list(table.index) == ["active", "inactive", "(not given)"]
    assert table.loc["active", "Regular"] == 1 and table.loc["active", "Lost"] == 1
    assert table.loc["inactive", "New"] == 1
    assert table.loc["(not given)", "Never bought"] == 1
    assert int(table.to_numpy().sum()) == 4
    ru = V.status_table(B.status_vs_stage(_clients(), _stages()), "ru")
    assert ru.loc["(не указан)", "Не покупал"] == 1 and ru.index.name == "Статус в карточке"


# --------------------------------------------------------------------------- demo company
def test_demo_is_partly_a_base(demo_dataset):
    ds = demo_dataset
    facts = Facts.of(ds)
    stages = L.client_stages(facts, ds.clients)
    c = B.base_completeness(ds.clients, ds.interactions, ds.contacts, stages).set_index(
        "component")
    assert (c["clients"] == 1500).all()
    assert c.loc["stage", "known_share"] == 1.0
    assert 0.90 < c.loc["segment", "known_share"] < 0.95  # 7.5 % missing segments
    assert not c.loc["card", "ok"] and not c.loc["interactions", "ok"]
    v = B.base_verdict(c.reset_index())
    assert v.verdict == "partly" and v.ok == 6
    # stale statuses: cards marked active although the client is lost
    table = V.status_table(B.status_vs_stage(ds.clients, stages), "ru")
    assert table.loc["активный", t("stage.lost", "ru")] > 20
    summary = L.stage_summary(L.stage_history(facts, ds.clients,
                                              dates=L.year_end_dates(facts)))
    kf = V.completeness_figures(c.reset_index(), v, summary, "en")
    assert len(kf) == 8


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_plot_completeness(lang):
    import matplotlib.pyplot as plt

    from kbcore.charts.lifecycle import plot_completeness

    c = B.base_completeness(_clients(), _interactions(), _contacts(), _stages())
    v = B.base_verdict(c)
    ax = plot_completeness(c, v, lang=lang)
    widths = {p.get_gid(): p.get_width() for p in ax.patches}
    assert widths["card"] == pytest.approx(0.5) and widths["manager"] == pytest.approx(1.0)
    assert ax.get_title(loc="left").replace("\n", " ") == V.verdict_text(v, lang)
    assert [tl.get_text() for tl in ax.get_yticklabels()][0] == t("base.comp.card", lang)
    ax.figure.canvas.draw()
    plt.close("all")
    # a sales-only export: absent components say so instead of a value
    c = B.base_completeness(pd.DataFrame({"client_id": ["1"], "name": ["A"]}), None, None, None)
    ax = plot_completeness(c, lang=lang)
    assert sum(x.get_text() == t("base.chart.absent", lang) for x in ax.texts) == 8  # no stages either
    ax.figure.canvas.draw()
    plt.close("all")


def test_completeness_view_shows_the_components_in_words():
    c = B.base_completeness(_clients(), _interactions(), _contacts(), _stages())
    styler = V.completeness_view(c, "ru")
    assert list(styler.data.columns) == V.COMPLETENESS_COLUMNS
    assert list(styler.data["component"]) == [t(f"base.comp.{x}", "ru") for x in B.COMPONENTS]
    assert list(styler.data["ok"]) == [t("base.ok.no", "ru")] * 4 + [t("base.ok.yes", "ru")] + [
        t("base.ok.no", "ru")] * 3
    html = styler.to_html()
    assert "50,0\u00a0%" in html  # the card: 2 of 4 clients, one decimal of a percent
    assert t("col.known_share", "ru") in html and t("col.ok", "ru") in html
