"""The build: plan -> render pass (in forked workers) -> check pass -> output folder swap. The only
writer of the site and its state. May import every step below it; never cli/, preview/ or integrations/."""
