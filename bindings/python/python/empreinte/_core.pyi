"""Type stub of the native module (checked by ``python -m mypy.stubtest empreinte._core``)."""

from typing import Any, Dict, List, Mapping, Optional, Tuple, final

__all__ = [
    "__version__",
    "ERROR_CODES",
    "RESULT_COLUMNS",
    "DEFAULT_RESULT_COLUMNS",
    "NUMBER_COLUMNS",
    "NAME_COLUMNS",
    "SACCT_COLUMNS",
    "HPC_JOB_COLUMNS",
    "HpcStream",
    "Tracker",
    "data_versions",
    "estimate",
    "estimate_card",
    "estimate_summary",
    "estimate_columns",
    "parse_runtime",
    "job_from_flat",
    "render",
    "report",
    "table",
    "verify",
]

__version__: str
ERROR_CODES: List[str]
RESULT_COLUMNS: List[str]
DEFAULT_RESULT_COLUMNS: List[str]
NUMBER_COLUMNS: List[str]
NAME_COLUMNS: List[str]
SACCT_COLUMNS: List[str]
HPC_JOB_COLUMNS: List[str]

def estimate(job: Any) -> str: ...
def estimate_card(result_json: str) -> str: ...
def estimate_summary(job: Any, lang: Optional[str] = None) -> str: ...
def table(name: str, data_version: Optional[str] = None, search: Optional[str] = None) -> str: ...
def data_versions() -> List[str]: ...
def parse_runtime(text: str, field: str = "runtime") -> float: ...
def job_from_flat(job: Any, fields: Dict[str, Any]) -> str: ...
def estimate_columns(
    n: int, columns: Mapping[str, Any], outputs: List[str], errors_null: bool
) -> Tuple[Dict[str, Any], List[Optional[str]]]: ...

def report(manifest: str, report_id: str, generated_at: str) -> str: ...
def render(report_json: str, format: str, lang: str) -> str: ...
def verify(report_json: str) -> str: ...
@final
class Tracker:
    def __new__(cls, job: Dict[str, Any]) -> Tracker: ...
    def start(self) -> None: ...
    def stop(self) -> str: ...
    def summary(self, lang: Optional[str] = None) -> str: ...

#: A result column: (name, kind "text" | "f64" | "i64" | "bool", values, offsets, validity).
_Column = Tuple[str, str, Any, Optional[Any], Optional[Any]]

@final
class HpcStream:
    def __new__(
        cls,
        cluster_toml: Optional[str] = None,
        strict: bool = False,
        window: int = 4096,
        folder: Optional[str] = None,
        files: Optional[Dict[str, str]] = None,
    ) -> HpcStream: ...
    def files(self) -> Dict[str, str]: ...
    def cluster_json(self) -> str: ...
    def feed(
        self, rows: int, columns: List[Tuple[str, Any, Any, Optional[Any], int]]
    ) -> List[_Column]: ...
    def finish(self) -> Tuple[List[_Column], str]: ...
