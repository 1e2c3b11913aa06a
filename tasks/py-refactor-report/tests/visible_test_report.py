from salesreport import build_report

RECORDS = [
    {"date": "2024-01-05", "region": "north", "product": "apple", "units": 10, "unit_price": "0.50"},
    {"date": "2024-01-20", "region": "South", "product": "pear", "units": 4, "unit_price": "0.80"},
    {"date": "2024-02-02", "region": "north", "product": "apple", "units": 3, "unit_price": "0.55", "refunded": True},
    {"date": "bad", "region": "north", "product": "apple", "units": 1, "unit_price": "1.00"},
]


def test_region():
    out = build_report(RECORDS, "region")
    assert out.splitlines()[2].startswith("North")
    assert "(1 invalid records skipped)" in out


def test_month_with_refunds():
    out = build_report(RECORDS, "month", include_refunds=True)
    assert "2024-02" in out and "-1.65 EUR" in out
