"""Deterministic journal generator for proctor/py2to3-ledgerkit (examples and hidden inputs)."""
import random

PAYEES = ["Grocery Store", "Café Lumière", "Landlord", "ACME Corp", "Bäckerei Müller", "Gas Station",
          "Bookshop", "Pharmacy", "Train Tickets", "Cinema", "Électricité", "Internet Provider"]
EXPENSES = ["Expenses:Food:Groceries", "Expenses:Food:Restaurants", "Expenses:Rent", "Expenses:Transport:Fuel",
            "Expenses:Transport:Train", "Expenses:Books", "Expenses:Health", "Expenses:Fun", "Expenses:Utilities"]


def generate(seed, n, year=2024):
    rng = random.Random(seed)
    out = ["; generated journal seed=%d" % seed, ""]
    for i in range(n):
        month = 1 + (i * 12) // n
        day = rng.randint(1, 28)
        cleared = "* " if rng.random() < 0.6 else ""
        sep = rng.choice(["/", "-"])
        out.append("%d%s%02d%s%02d %s%s" % (year, sep, month, sep, day, cleared, rng.choice(PAYEES)))
        kind = rng.random()
        cur = rng.choice(["EUR", "EUR", "EUR", "USD", "GBP"])
        amt = "%d.%02d" % (rng.randint(0, 900), rng.randint(0, 99))
        if rng.random() < 0.1:
            amt = "%d" % rng.randint(1000, 3000)
        if rng.random() < 0.05:
            amt = "1,%03d.%d" % (rng.randint(0, 999), rng.randint(0, 9))
        if kind < 0.12:
            out.append("    Assets:Bank:Checking  %s %s" % (amt, cur))
            out.append("    Income:Salary")
        elif kind < 0.2:
            out.append("    Liabilities:CreditCard  -%s %s" % (amt, cur))
            out.append("    %s  %s %s" % (rng.choice(EXPENSES), amt, cur))
        elif kind < 0.25:
            a, b = rng.randint(1, 500), rng.randint(1, 500)
            out.append("    %s  %d.%02d EUR" % (rng.choice(EXPENSES), a, b % 100))
            out.append("    %s  %d.00 USD" % (rng.choice(EXPENSES), b))
            out.append("    Assets:Bank:Checking  -%d.%02d EUR" % (a, b % 100))
            out.append("    Assets:Bank:Dollar  -%d USD" % b)
        else:
            out.append("    %s  %s %s" % (rng.choice(EXPENSES), amt, cur))
            if rng.random() < 0.3:
                out.append("    ; a comment inside a transaction")
            out.append("    %s" % rng.choice(["Assets:Bank:Checking", "Assets:Cash", "Liabilities:CreditCard"]))
        out.append("")
    return "\n".join(out) + "\n"


RATES = "base EUR\nUSD 0.92\nGBP 1.17   # pound\nCHF 1.04\n"
BUDGET = ("Expenses:Food  400.00\nExpenses:Rent  1200 EUR\nExpenses:Transport  150.00 EUR ; monthly\n"
          "Expenses:Books  0.00\nExpenses:Fun  80.5 USD\nExpenses:Health  20.00 GBP\n")
