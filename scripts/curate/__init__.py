"""The curation compiler: ``curation/**/*.yaml`` to the RDF of ``docs/model.md``.

``loader`` reads and merges the YAML files, ``compiler`` builds the graph (drugs, targets,
sources, pharmacokinetic roles) and ``claims`` the reified claims (assertions, interactions,
mechanisms, withdrawal syndromes). ``scripts/compile_curation.py`` is the command.
"""
