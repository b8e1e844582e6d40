"""The data plane: auth, routing, streaming, request log, metrics."""
