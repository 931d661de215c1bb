"""The directory of organisations: search, facets, map, exports."""
