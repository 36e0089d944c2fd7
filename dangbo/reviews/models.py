"""Reviews have no tables of their own: their settings are core.RuleSettings."""
