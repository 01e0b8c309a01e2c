"""Steps that turn the pinned Brown corpus and WordNet packages into the course's small data files."""
