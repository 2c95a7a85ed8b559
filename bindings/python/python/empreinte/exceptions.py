"""The exceptions of empreinte: one class per error of the Rust core, mapped in one place.

Every exception is an :class:`EmpreinteError`, itself a :class:`ValueError`, with:

- ``code``: the core's stable code of the error (``"unknown_cpu"``),
- ``field``: the input field at fault, as a path (``"cpu.cores"``), or ``None``,
- ``suggestions``: for an unknown name, up to three nearest known names,
- ``row``: for :func:`empreinte.estimate_frame`, the row at fault (from 0), else ``None``.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Type

__all__ = [
    "EmpreinteError",
    "InvalidInputError",
    "UnknownNameError",
    "UnknownModelError",
    "NegativeValueError",
    "NonFiniteValueError",
    "UsageOutOfRangeError",
    "PueBelowOneError",
    "MultiplicativeFactorBelowOneError",
    "ZeroCountError",
    "CountOutOfRangeError",
    "NoProcessorError",
    "MissingFieldError",
    "MissingTdpError",
    "UnknownCpuError",
    "UnknownGpuError",
    "UnknownLocationError",
    "UnknownProviderError",
    "UnknownDatacenterError",
    "UnknownDataVersionError",
    "UnknownCiSourceError",
    "NoIntensityError",
    "InvalidTimestampError",
    "InvalidSeriesError",
    "SeriesGapError",
    "OutsideSeriesError",
    "MissingLocationError",
    "DatacenterWithoutIntensityError",
    "ConflictingInputError",
    "NotApplicableError",
    "InputOverflowError",
    "InvalidDurationError",
    "InvalidDocumentError",
    "InvalidManifestError",
    "InvalidReportError",
    "InvalidSacctLineError",
    "NotPositiveError",
    "FractionOutOfRangeError",
    "InvalidBoundsError",
    "MissingWaterIntensityError",
    "UnknownEmbodiedModelError",
    "InvalidArgumentError",
]


class EmpreinteError(ValueError):
    """Base class of every error of empreinte (a ``ValueError``)."""

    code: str = "error"

    def __init__(
        self,
        message: str,
        *,
        field: Optional[str] = None,
        suggestions: Sequence[str] = (),
        row: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.suggestions: List[str] = list(suggestions)
        self.row = row


class InvalidInputError(EmpreinteError):
    """An input that is missing, out of range, malformed or contradictory; see ``.field``."""


class UnknownNameError(EmpreinteError):
    """A name not in the data (model, location, provider, …); see ``.suggestions``."""


class UnknownModelError(UnknownNameError):
    """A CPU or GPU model not in the hardware tables; see ``.suggestions``."""


class NegativeValueError(InvalidInputError):
    code = "negative_value"


class NonFiniteValueError(InvalidInputError):
    code = "non_finite_value"


class UsageOutOfRangeError(InvalidInputError):
    code = "usage_out_of_range"


class PueBelowOneError(InvalidInputError):
    code = "pue_below_one"


class MultiplicativeFactorBelowOneError(InvalidInputError):
    code = "multiplicative_factor_below_one"


class ZeroCountError(InvalidInputError):
    code = "zero_count"


class CountOutOfRangeError(InvalidInputError):
    code = "count_out_of_range"


class NoProcessorError(InvalidInputError):
    code = "no_processor"


class MissingFieldError(InvalidInputError):
    code = "missing_field"


class MissingTdpError(InvalidInputError):
    code = "missing_tdp"


class UnknownCpuError(UnknownModelError):
    code = "unknown_cpu"


class UnknownGpuError(UnknownModelError):
    code = "unknown_gpu"


class UnknownLocationError(UnknownNameError):
    code = "unknown_location"


class UnknownProviderError(UnknownNameError):
    code = "unknown_provider"


class UnknownDatacenterError(UnknownNameError):
    code = "unknown_datacenter"


class UnknownDataVersionError(UnknownNameError):
    code = "unknown_data_version"


class UnknownCiSourceError(UnknownNameError):
    code = "unknown_ci_source"


class NoIntensityError(InvalidInputError):
    code = "no_intensity"


class InvalidTimestampError(InvalidInputError):
    code = "invalid_timestamp"


class InvalidSeriesError(InvalidInputError):
    code = "invalid_series"


class SeriesGapError(InvalidInputError):
    code = "series_gap"


class OutsideSeriesError(InvalidInputError):
    code = "outside_series"


class MissingLocationError(InvalidInputError):
    code = "missing_location"


class DatacenterWithoutIntensityError(InvalidInputError):
    code = "datacenter_without_intensity"


class ConflictingInputError(InvalidInputError):
    code = "conflicting_input"


class NotApplicableError(InvalidInputError):
    code = "not_applicable"


class InputOverflowError(InvalidInputError):
    """Inputs so large that a result would not be a finite number."""

    code = "overflow"


class InvalidDurationError(InvalidInputError):
    code = "invalid_duration"


class InvalidDocumentError(InvalidInputError):
    code = "invalid_document"


class InvalidManifestError(InvalidInputError):
    code = "invalid_manifest"


class InvalidReportError(InvalidInputError):
    code = "invalid_report"


class InvalidSacctLineError(InvalidInputError):
    code = "invalid_sacct_line"


class NotPositiveError(InvalidInputError):
    code = "not_positive"


class FractionOutOfRangeError(InvalidInputError):
    code = "fraction_out_of_range"


class InvalidBoundsError(InvalidInputError):
    code = "invalid_bounds"


class MissingWaterIntensityError(InvalidInputError):
    code = "missing_water_intensity"


class UnknownEmbodiedModelError(UnknownNameError):
    code = "unknown_embodied_model"


class InvalidArgumentError(InvalidInputError):
    """An argument of a function that is not valid: an unknown table, format, language or
    column name, a call out of order (a finished stream, a tracker not started)."""

    code = "invalid_argument"


def _leaves(cls: Type[EmpreinteError]) -> List[Type[EmpreinteError]]:
    subs = cls.__subclasses__()
    if not subs:
        return [cls]
    return [leaf for sub in subs for leaf in _leaves(sub)]


#: The mapping: core error code -> exception class (the one place where it lives).
BY_CODE: Dict[str, Type[EmpreinteError]] = {c.code: c for c in _leaves(EmpreinteError)}


def _from_core(
    code: str,
    message: str,
    field: Optional[str],
    suggestions: Sequence[str],
    row: Optional[int],
) -> EmpreinteError:
    """Builds the exception for a core error (called by the native module)."""
    cls = BY_CODE.get(code, EmpreinteError)
    text = message if row is None else f"row {row}: {message}"
    exc = cls(text, field=field, suggestions=suggestions, row=row)
    exc.code = code
    return exc
