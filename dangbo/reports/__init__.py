"""Reports: the office's documents (.docx in the Party's layout, with their tables as .xlsx),
their register, and the charts of the dashboards and review screens (issue 10)."""
