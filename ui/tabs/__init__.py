"""One module per tab of the interface; each exposes ``build(ctx) -> TabView``."""
