"""The report invocations compared against Python 2 golden output (journal path substituted)."""
COMMANDS = [
    ("balance", ["-r", "{rates}", "balance"]),
    ("balance-depth2", ["-r", "{rates}", "-d", "2", "balance"]),
    ("balance-usd", ["-r", "{rates}", "-c", "USD", "balance"]),
    ("register-bank", ["-r", "{rates}", "register", "Assets:Bank"]),
    ("register-food", ["-r", "{rates}", "register", "Expenses:Food"]),
    ("register-none", ["-r", "{rates}", "register", "Nothing"]),
    ("budget-march", ["-r", "{rates}", "budget", "{budget}", "2024-03"]),
    ("budget-july", ["-r", "{rates}", "budget", "{budget}", "2024-07"]),
    ("stats", ["-r", "{rates}", "stats"]),
    ("export", ["export"]),
]
