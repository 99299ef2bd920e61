"""A household plan's people served together: completion for one person, re-checked for
everyone (above core/plans and core/advice, which it joins)."""
