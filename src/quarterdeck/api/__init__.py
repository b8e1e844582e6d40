"""The admin REST API under /api (FastAPI, with an OpenAPI document at /api/openapi.json)."""

from quarterdeck.api.app import create_admin_api

__all__ = ["create_admin_api"]
