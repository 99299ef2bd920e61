"""The Diary tab: log cramps, tie days to what was eaten, see nights side by side."""
