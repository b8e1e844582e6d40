"""Cost of a request from the deployment's price table (USD per million tokens)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Price:
    input_per_mtok: float = 0.0
    output_per_mtok: float = 0.0

    def cost(self, input_tokens: int, output_tokens: int) -> float:
        """The same usage always gives the same cost, streamed or not."""
        return (input_tokens * self.input_per_mtok + output_tokens * self.output_per_mtok) / 1_000_000

    @property
    def blended(self) -> float:
        """What the `cost` strategy sorts by: a request with as many output tokens as input."""
        return self.input_per_mtok + self.output_per_mtok
