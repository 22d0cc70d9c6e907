"""conformed: amendments applied to agreements."""
