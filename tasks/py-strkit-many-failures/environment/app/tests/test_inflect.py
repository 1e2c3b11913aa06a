from strkit import pluralize


def test_regular():
    assert pluralize("cat") == "cats"


def test_sibilants():
    assert [pluralize(w) for w in ("box", "church", "bus")] == ["boxes", "churches", "buses"]


def test_y_endings():
    assert pluralize("city") == "cities"
    assert pluralize("day") == "days"


def test_irregular_keeps_case():
    assert pluralize("Child") == "Children"
    assert pluralize("sheep") == "sheep"
