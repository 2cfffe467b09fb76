"""The SPARQL 1.1 endpoint, JSON API and workbench of ``drugkg serve``.

* :mod:`drugkg.server.app` -- the HTTP server and its routes;
* :mod:`drugkg.server.protocol` -- the SPARQL 1.1 Protocol: refusals, content negotiation, writers;
* :mod:`drugkg.server.execute` -- one bounded query (the adapter over the SPARQL engine);
* :mod:`drugkg.server.pool` and :mod:`drugkg.server.worker` -- worker processes under a time limit;
* :mod:`drugkg.server.api` and :mod:`drugkg.server.openapi` -- the JSON API and its description;
* ``assets/`` -- the offline workbench served at ``/``.
"""

from __future__ import annotations

from .app import DrugkgServer, Settings, make_server

__all__ = ["DrugkgServer", "Settings", "make_server"]
