"""Every method, by name, in presentation order."""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from ..errors import InputError
from .ahp import AHP
from .base import Method, MethodName
from .promethee import PROMETHEE_II
from .topsis import TOPSIS
from .vikor import VIKOR
from .wsm import WSM

__all__ = ["REGISTRY", "METHODS", "get_method"]

REGISTRY: Mapping[str, Method] = MappingProxyType({m.name: m for m in (TOPSIS, AHP, VIKOR, PROMETHEE_II, WSM)})
#: Method names in presentation order.
METHODS: tuple[MethodName, ...] = tuple(m.name for m in REGISTRY.values())


def get_method(name: str | Method) -> Method:
    """The method named, or InputError naming the known ones."""
    if isinstance(name, Method):
        return name
    method = REGISTRY.get(name) if isinstance(name, str) else None
    if method is None:
        raise InputError(f"unknown method (known: {', '.join(METHODS)})", field="method", value=name)
    return method
