"""HTTP handlers of the data plane; each is thin and hands work to routing and providers."""
