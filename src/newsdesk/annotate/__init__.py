"""Understanding: entities with name variants, quotes with speakers, dates, events."""
