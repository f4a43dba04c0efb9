"""What the tests against a real gateway share: its address, the admin key and fresh tenants."""

from __future__ import annotations

import os
import time
import unittest
import uuid
from typing import Any, Callable

from herobrain import AuthenticationError, HeroBrain

BASE_URL = os.environ.get("HB_BASE_URL", "")
ADMIN_KEY = os.environ.get("HB_ADMIN_KEY", "")
SCRIPTED_MODEL = os.environ.get("HB_SCRIPTED_MODEL") == "echo"
NO_MODEL = "HB_SCRIPTED_MODEL=echo not set: the platform under test has no model"


def require_gateway() -> None:
    """``setUpModule`` of every module that talks to the gateway: refuse to run without one."""
    if not BASE_URL or not ADMIN_KEY:
        raise RuntimeError(
            "these tests run against a real gateway: set HB_BASE_URL (e.g. http://127.0.0.1:3000) and "
            "HB_ADMIN_KEY (the platform's bootstrap admin key, in .run/admin-key)"
        )


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


def admin(tenant_id: str = "") -> HeroBrain:
    """A client holding the admin key, acting for ``tenant_id`` when given."""
    return HeroBrain(api_key=ADMIN_KEY, tenant_id=tenant_id or None, base_url=BASE_URL)


def refusal(call: Callable[[], Any], within: float = 3.0) -> AuthenticationError:
    """The AuthenticationError ``call`` meets once its key is revoked (every replica knows within a second)."""
    deadline = time.monotonic() + within
    while True:
        try:
            call()
        except AuthenticationError as error:
            return error
        if time.monotonic() > deadline:
            raise AssertionError(f"the revoked key was still accepted after {within} s")
        time.sleep(0.2)


class GatewayTestCase(unittest.TestCase):
    """Each class gets its own enterprise tenant and a key holding every tenant scope.

    Keys are limited to 60 requests a minute, so a class that needs more makes a second key.
    """

    tenant_id: str
    key: str
    key_id: str
    hb: HeroBrain

    @classmethod
    def setUpClass(cls) -> None:
        cls.tenant_id = unique("py")
        admin().tenants.create(id=cls.tenant_id, name=f"Python SDK {cls.__name__}", plan="enterprise")
        created = admin(cls.tenant_id).api_keys.create(name=f"{cls.__name__} key")
        cls.key, cls.key_id = created["plainKey"], created["id"]
        cls.hb = cls.client()

    @classmethod
    def client(cls, api_key: str = "", **options: Any) -> HeroBrain:
        """A client of the class's tenant, with its key unless another is given."""
        return HeroBrain(api_key=api_key or cls.key, tenant_id=cls.tenant_id, base_url=BASE_URL, **options)
