"""The drugkg ontology modules (Turtle), SHACL shapes and the shipped inference closure, as package data."""
