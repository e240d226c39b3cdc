"""Which pages exist and each page's facts, computed once (`PagePlan`: URL, title, description,
dates, image, alternates). Imports models, site and urls only; pure."""
