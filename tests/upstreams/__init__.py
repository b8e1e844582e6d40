"""Wire-protocol fakes of the upstream LLM providers (OpenAI and Anthropic) for tests."""

from .faults import Fault, FaultKind
from .openai_wire import embedding_vector
from .server import Answer, Call, FakeUpstream

__all__ = ["Answer", "Call", "FakeUpstream", "Fault", "FaultKind", "embedding_vector"]
