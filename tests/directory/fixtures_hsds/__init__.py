"""Test data for the HSDS tests: factories and a directory that uses every field we map."""
