"""`nmt-content serve`: a local preview server that rebuilds on change, with live reload and an
error overlay. Imports pipeline and below; never cli/ or integrations/."""
