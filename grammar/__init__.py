"""The instruction grammar (amendment.lark), shipped inside the package as conformed.grammar."""
