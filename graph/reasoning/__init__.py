"""The reasoning room: HermiT over the terminology and curated core, and the validation checks.

* :mod:`drugkg.reasoning.hermit` -- HermiT through owlready2 (Java 17), the transitive closures;
* :mod:`drugkg.reasoning.validate` -- SHACL shapes, HermiT consistency and unsatisfiable classes.
"""

from __future__ import annotations

from .hermit import Inferences, ancestors, close_types, core_quads, java_available, run_hermit

__all__ = ["Inferences", "ancestors", "close_types", "core_quads", "java_available", "run_hermit"]
