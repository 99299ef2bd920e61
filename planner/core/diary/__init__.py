"""The cramp diary: episodes, the days tied to what was eaten, their files and figures."""
