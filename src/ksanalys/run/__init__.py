"""Run stage: execute the chapter notebooks, render them to HTML, publish the report folder."""
