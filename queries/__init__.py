"""The named SPARQL queries of drugkg (``.rq`` files), as package data."""
