"""File names the report writes: the PDF and the chart the report adds to the chart folder."""

__all__ = ["REPORT_FILE", "THEME_MAP_CHART"]

#: Suggested file name of the report in an output folder.
REPORT_FILE = "appraisal.pdf"
#: The chart this package adds to the chart folder.
THEME_MAP_CHART = "chart_theme_map.png"
