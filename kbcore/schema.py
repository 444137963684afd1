"""The canonical tables and columns: the one place they are named.

Every other module takes column names from here (``from kbcore.schema import C``);
loading maps a company's own headers onto these names, and nothing downstream
knows about source formats.

A table is described by :class:`Table`: its required columns, its optional
columns and the kind of each column (``id``, ``text``, ``date``, ``number``,
``int``, ``bool``). Identifiers are always text, so that leading zeros of a
tax ID (ИНН) or a 1C code survive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["C", "Table", "TABLES", "REQUIRED_TABLES", "OPTIONAL_TABLES", "KINDS"]


class C:
    """Canonical column names (attribute = the column's name in every DataFrame)."""

    # identities
    client_id = "client_id"
    product_id = "product_id"
    contact_id = "contact_id"
    doc_id = "doc_id"
    # sales
    date = "date"
    revenue = "revenue"
    quantity = "quantity"
    cost = "cost"
    discount = "discount"
    list_revenue = "list_revenue"
    manager = "manager"
    channel = "channel"
    currency = "currency"
    # clients
    name = "name"
    tax_id = "tax_id"
    segment = "segment"
    industry = "industry"
    region = "region"
    city = "city"
    size = "size"
    acquisition_channel = "acquisition_channel"
    created = "created"
    key_account = "key_account"
    phone = "phone"
    email = "email"
    address = "address"
    decision_maker = "decision_maker"
    potential = "potential"
    payment_terms_days = "payment_terms_days"
    status = "status"
    potential_units = "potential_units"
    wallet = "wallet"
    wallet_units = "wallet_units"
    suppliers_used = "suppliers_used"
    our_rank = "our_rank"
    # products
    category = "category"
    brand = "brand"
    is_target = "is_target"
    list_price = "list_price"
    unit_cost = "unit_cost"
    business_line = "business_line"
    unit = "unit"
    # contacts
    position = "position"
    buying_role = "buying_role"
    influence = "influence"
    attitude = "attitude"
    level = "level"
    owner = "owner"
    last_contact = "last_contact"
    # interactions
    kind = "kind"
    outcome = "outcome"
    note = "note"
    # surveys
    csat = "csat"
    nps = "nps"
    responded = "responded"
    wave = "wave"
    needs = "needs"
    # loyalty
    joined = "joined"
    tier = "tier"
    points_earned = "points_earned"
    points_redeemed = "points_redeemed"
    points_expired = "points_expired"
    # targets
    period = "period"
    kpi = "kpi"
    target = "target"
    # market
    companies = "companies"
    consumption_per_company = "consumption_per_company"
    consumption_units_per_company = "consumption_units_per_company"
    source = "source"
    # territories
    population = "population"
    income = "income"
    retail_sales = "retail_sales"
    businesses = "businesses"
    # staff (our employees)
    person = "person"
    role = "role"
    team = "team"
    hired = "hired"
    left = "left"
    base_pay = "base_pay"


KINDS = ("id", "text", "date", "number", "int", "bool")


@dataclass(frozen=True)
class Table:
    """One canonical table: its name, required and optional columns with their kinds."""

    name: str
    required: dict[str, str]
    optional: dict[str, str] = field(default_factory=dict)
    key: tuple[str, ...] = ()
    description: str = ""
    money: tuple[str, ...] = ()
    """The columns that hold amounts of money (converted when a row names another currency)."""

    @property
    def columns(self) -> dict[str, str]:
        """All columns, required first, with their kinds."""
        return {**self.required, **self.optional}


TABLES: dict[str, Table] = {
    t.name: t
    for t in [
        Table(
            "sales",
            required={C.date: "date", C.client_id: "id", C.revenue: "number"},
            optional={
                C.doc_id: "id",
                C.product_id: "id",
                C.quantity: "number",
                C.cost: "number",
                C.discount: "number",
                C.list_revenue: "number",
                C.manager: "text",
                C.channel: "text",
                C.name: "text",
                C.tax_id: "id",
                C.region: "text",
                C.category: "text",
                C.currency: "text",
            },
            money=(C.revenue, C.cost, C.discount, C.list_revenue),
            description="an invoice line; negative quantity or revenue = a return. "
            "revenue is net of discount, VAT excluded; cost is the cost of goods of the line; "
            "discount is the discount amount in money (list_revenue - revenue); currency the ISO "
            "4217 code of the line's amounts (empty: the company's one currency)",
        ),
        Table(
            "clients",
            required={C.client_id: "id"},
            optional={
                C.name: "text",
                C.tax_id: "id",
                C.segment: "text",
                C.industry: "text",
                C.region: "text",
                C.city: "text",
                C.manager: "text",
                C.size: "text",
                C.acquisition_channel: "text",
                C.created: "date",
                C.key_account: "bool",
                C.phone: "text",
                C.email: "text",
                C.address: "text",
                C.decision_maker: "text",
                C.potential: "number",
                C.payment_terms_days: "number",
                C.status: "text",
                C.potential_units: "number",
                C.wallet: "number",
                C.wallet_units: "number",
                C.suppliers_used: "int",
                C.our_rank: "int",
            },
            key=(C.client_id,),
            money=(C.potential, C.wallet),
            description="a client (counterparty). potential: what the client could buy a year of "
            "the category we sell (its capacity), in money; potential_units the same in units; "
            "wallet: what it does buy a year of the category from all its suppliers (its share-of-"
            "wallet base, as last learnt), wallet_units the same in units; suppliers_used: how many "
            "suppliers it buys the category from; our_rank: our place among them (1 = main)",
        ),
        Table(
            "products",
            required={C.product_id: "id"},
            optional={
                C.name: "text",
                C.category: "text",
                C.brand: "text",
                C.is_target: "bool",
                C.list_price: "number",
                C.unit_cost: "number",
                C.business_line: "text",
                C.unit: "text",
            },
            key=(C.product_id,),
            money=(C.list_price, C.unit_cost),
            description="a product (nomenclature item): category is its product class, "
            "business_line the company's trading business it belongs to, unit its unit of measure "
            "(the unit of sales.quantity), is_target a product the company pushes (target product)",
        ),
        Table(
            "contacts",
            required={C.client_id: "id", C.contact_id: "id"},
            optional={
                C.name: "text",
                C.position: "text",
                C.buying_role: "text",
                C.influence: "text",
                C.attitude: "text",
                C.level: "text",
                C.owner: "text",
                C.last_contact: "date",
            },
            key=(C.contact_id,),
            description="a person in a client's buying centre (DMU)",
        ),
        Table(
            "interactions",
            required={C.date: "date", C.client_id: "id"},
            optional={C.manager: "text", C.kind: "text", C.outcome: "text", C.note: "text",
                      C.contact_id: "id"},
            description="a recorded contact with a client (CRM history); kind 'visit' counts as a "
            "visit; contact_id names the client's person met (contacts.contact_id)",
        ),
        Table(
            "surveys",
            required={C.date: "date", C.client_id: "id"},
            optional={C.csat: "number", C.nps: "number", C.suppliers_used: "int",
                      C.our_rank: "int", C.responded: "bool", C.wave: "text", C.needs: "text"},
            description="a satisfaction survey's row for a client asked: csat, nps and the answers; "
            "suppliers_used and our_rank: the client's answer to 'how many suppliers of the category "
            "do you use, and where do we rank among them'; responded False for a client asked who did "
            "not answer (no column: every row is an answer); wave names the survey round (a changed "
            "question or scale is a new wave); needs the client's stated main need (price, delivery, "
            "technical support … as the survey words them: the basis of a needs-based segmentation)",
        ),
        Table(
            "loyalty",
            required={C.client_id: "id", C.joined: "date"},
            optional={C.tier: "text", C.points_earned: "number", C.points_redeemed: "number",
                      C.points_expired: "number", C.left: "date"},
            key=(C.client_id,),
            description="a client's membership in the loyalty programme: joined and left (empty: "
            "still a member), points earned, redeemed and expired (unused and lapsed) to date",
        ),
        Table(
            "targets",
            required={C.period: "text", C.kpi: "text", C.target: "number"},
            optional={C.manager: "text", C.business_line: "text", C.category: "text",
                      C.region: "text", C.client_id: "id", C.currency: "text"},
            money=(C.target,),
            description="a KPI target for a period (period as YYYY, YYYY-Qn or YYYY-MM), of a "
            "manager, or of a business line, product class, region or client (the dimensions set "
            "on the row; none set = the company's); currency is set on money KPIs only",
        ),
        Table(
            "market",
            required={C.segment: "text", C.region: "text"},
            optional={C.companies: "number", C.consumption_per_company: "number",
                      C.consumption_units_per_company: "number", C.source: "text",
                      C.currency: "text"},
            key=(C.segment, C.region),
            money=(C.consumption_per_company,),
            description="a market cell (segment x region): how many companies, how much each buys a "
            "year of the category (in money, and in units)",
        ),
        Table(
            "territories",
            required={C.region: "text"},
            optional={C.population: "int", C.income: "number", C.retail_sales: "number",
                      C.businesses: "int", C.source: "text", C.currency: "text"},
            key=(C.region,),
            money=(C.income, C.retail_sales),
            description="a territory (region) with the factors of a market index: population, "
            "households' yearly income, yearly retail sales, active businesses",
        ),
        Table(
            "staff",
            required={C.person: "text"},
            optional={C.role: "text", C.team: "text", C.hired: "date", C.left: "date",
                      C.base_pay: "number"},
            key=(C.person,),
            money=(C.base_pay,),
            description="one of our employees: person is the name as it appears in sales.manager, "
            "interactions.manager and contacts.owner; role an id (manager, key_account_manager, "
            "head_of_sales, director, specialist …); base_pay the monthly base pay",
        ),
    ]
}

REQUIRED_TABLES = ("sales",)
OPTIONAL_TABLES = tuple(t for t in TABLES if t not in REQUIRED_TABLES)
