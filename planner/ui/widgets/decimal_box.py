"""A number box for decimals that takes a comma as the decimal point."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox


class DecimalSpinBox(QDoubleSpinBox):
    """QDoubleSpinBox reads in the C locale, where a comma is a thousands separator that
    it drops: "7,5" became 75. Here a typed comma is the decimal point, and shows as one."""

    def validate(self, text: str, pos: int):
        return super().validate(text.replace(",", "."), pos)

    def valueFromText(self, text: str) -> float:
        return super().valueFromText(text.replace(",", "."))
