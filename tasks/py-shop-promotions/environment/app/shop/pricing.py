"""Tax rules."""
from .money import percent_of

# Tax rate in percent by product category; anything else uses DEFAULT_RATE.
TAX_RATES = {"food": 7.0, "books": 0.0, "tea": 7.0}
DEFAULT_RATE = 19.0


def tax_for(category, amount):
    """Tax in cents on ``amount`` cents of goods of ``category`` (rounded half up)."""
    return percent_of(amount, TAX_RATES.get(category, DEFAULT_RATE))
