"""A tiny shop: catalog, cart, pricing and a command line to quote orders."""
