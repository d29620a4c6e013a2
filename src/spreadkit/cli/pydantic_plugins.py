"""pydantic looks for plugins of its own each time it builds a validator. Looking loads
importlib.metadata and reads every installed package's entry points: a tenth of spreadkit's
start-up, for plugins a command line never has. So the command line says there are none first,
as PYDANTIC_DISABLE_PLUGINS would, without the looking."""

import sys
from types import ModuleType
from typing import Any

LOADER = "pydantic.plugin._loader"


def without_pydantic_plugins() -> None:
    """Stand in for pydantic's plugin loader, whose `get_plugins` is all pydantic asks of it;
    anything else is handed to the real loader, so a later pydantic that wants more still gets it.
    """
    if LOADER in sys.modules:
        return
    loader = ModuleType(LOADER)
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    loader.__getattr__ = _from_the_real_loader  # type: ignore[method-assign]
    sys.modules[LOADER] = loader


def _from_the_real_loader(name: str) -> Any:
    if name.startswith("__"):  # the import system asking what kind of module this is
        raise AttributeError(name)
    import importlib

    del sys.modules[LOADER]
    return getattr(importlib.import_module(LOADER), name)
