"""The applications on top of the workbook: the analyst's run, the command line, the CRM export."""
