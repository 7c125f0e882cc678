"""Present stage: Swedish formatting, the text package, display tables, charts, chapters."""
